/** One sample of a Prometheus text exposition: its metric name, labels and value. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/g;

/**
 * Parses Prometheus text format (version 0.0.4) as a scraper would, and throws on any line that is not a
 * comment, a blank or a well-formed sample, so a test proves the exposition parses.
 */
export function parsePrometheusText(text: string): PromSample[] {
  const samples: PromSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`Not a Prometheus sample: ${line}`);
    const [, name, labelText = '', valueText] = match;
    const labels: Record<string, string> = {};
    const rest = labelText.replace(LABEL, (_, key: string, value: string) => {
      labels[key] = value.replace(/\\(.)/g, (__, c: string) => (c === 'n' ? '\n' : c));
      return '';
    });
    if (rest.trim() !== '') throw new Error(`Bad labels in: ${line}`);
    // Prometheus parses values as Go's ParseFloat does: NaN and Inf in any case (prom-client writes `Nan`).
    const special: Record<string, number> = { nan: NaN, '+inf': Infinity, inf: Infinity, '-inf': -Infinity };
    const value = special[valueText!.toLowerCase()] ?? Number(valueText);
    if (Number.isNaN(value) && valueText!.toLowerCase() !== 'nan') throw new Error(`Bad value in: ${line}`);
    samples.push({ name: name!, labels, value });
  }
  return samples;
}

/** The sum of the samples of a name whose labels include those given (0 when none). */
export function sampleValue(samples: PromSample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}
