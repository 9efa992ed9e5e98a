import type { MinuteActivity } from '@keta/domain';

const WIDTH = 240;
const HEIGHT = 48;

/**
 * The last 60 minutes as bars, one a minute: sent in the lower part of each bar, failed stacked on it. The
 * picture is described in words (its totals and its worst minute) for those who cannot see it.
 */
export function ActivityChart({ perMinute, label }: { perMinute: MinuteActivity[]; label: string }) {
  const peak = Math.max(1, ...perMinute.map((m) => m.completed + m.failed));
  const bar = WIDTH / Math.max(60, perMinute.length);
  const completed = perMinute.reduce((n, m) => n + m.completed, 0);
  const failed = perMinute.reduce((n, m) => n + m.failed, 0);
  const worst = perMinute.reduce((w, m) => (m.failed > w ? m.failed : w), 0);
  const description = `${label}: ${completed} sent and ${failed} failed in the last 60 minutes; at most ${peak === 1 && completed + failed === 0 ? 0 : peak} a minute, at most ${worst} failed in one minute.`;
  return (
    <figure className="activity">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" height={HEIGHT} role="img" aria-label={description} preserveAspectRatio="none">
        <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="activity-axis" />
        {perMinute.map((m, i) => {
          const ok = (m.completed / peak) * (HEIGHT - 2);
          const bad = (m.failed / peak) * (HEIGHT - 2);
          const x = i * bar;
          return (
            <g key={m.minute}>
              {ok > 0 ? <rect x={x} y={HEIGHT - ok} width={Math.max(1, bar - 0.5)} height={ok} className="activity-ok" /> : null}
              {bad > 0 ? <rect x={x} y={HEIGHT - ok - bad} width={Math.max(1, bar - 0.5)} height={bad} className="activity-failed" /> : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">Last 60 minutes, one bar a minute: sent (blue), failed (red, on top).</figcaption>
    </figure>
  );
}
