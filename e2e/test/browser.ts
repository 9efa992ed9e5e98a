import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium: the tests never download a browser (.ci/run installs the package where it is missing). */
export const CHROMIUM = '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/**
 * What the page reported that a person would never see: script errors, and anything the browser refused
 * (a Content-Security-Policy violation is a console error).
 */
export function watchProblems(page: Page): () => string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused API call (401, 404, 413 ...) is logged by the browser as a failed resource: that is the flow, not a fault.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return () => problems;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// The portal runs under script-src 'self', which refuses an injected <script> (page.addScriptTag): axe-core's
// source is evaluated through the DevTools protocol instead, which the page's policy does not govern.
const axeSource = readFileSync(require.resolve('axe-core'), 'utf8');

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations;
  }, WCAG_21_AA);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Fails with every serious or critical violation spelled out (rule, help, elements), so the failure says what to
 * fix. With PORTAL_SCREENSHOTS set to a folder, each page checked is kept there as a PNG, for a person to look at.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const folder = process.env.PORTAL_SCREENSHOTS;
  if (folder) await page.screenshot({ path: join(folder, `${where.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true });
  const violations = await seriousViolations(page);
  const described = violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`);
  expect({ where, violations: described }).toEqual({ where, violations: [] });
}

/** Whether the page is wider than the window: on a phone, the referrer would scroll sideways. */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** A mark on the page's window: still there later (`pageKept`), the page was never loaded again in between. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { keptPage: true }));
}

export function pageKept(page: Page): Promise<boolean> {
  return page.evaluate(() => 'keptPage' in window);
}
