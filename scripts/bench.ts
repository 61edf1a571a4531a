/**
 * `npm run bench`: the performance budgets, measured from a real browser and printed.
 *
 * Figures, not timed assertions: these machines are shared and noisy, so wall-clock figures are
 * printed for people to compare within one run, and only figures that do not depend on the
 * machine's speed (bytes, request counts) fail the script when over budget.
 *
 * Everything runs against a production build served by `vite preview` with the real proxy, in
 * headless Chromium, pointed at a simulator at real speed (time scale 1) that also seeds
 * "Bench Worker", an agent whose runs take 50 s (`bench-agents.ts`).
 *
 * 1. First-page JavaScript: the gzip size of every script `/` loads until its agents are listed.
 *    Budget: 125 KB (level 6, what servers use), with the whole named stack in.
 * 2. A 50-second task watched on its page: the requests it cost from start to finish (≤ 50),
 *    those after it ended (0), and how late each status change appeared on screen (targets:
 *    1.5 s in the task's first 10 s, 2.5 s in its first minute).
 * 3. The task list's refresh with 1 and with 100 live tasks (999 finished in both): requests per
 *    minute (100 live ≤ 1.2 × 1 live) and reads of finished tasks (0).
 * 4. The Trace viewer, on a 100-step and a 10,000-step run of the same long-trace script (created
 *    when the bench starts, so they are done by the time this runs): time to the first step on
 *    screen (median of 3 loads, target: 10,000 steps ≤ 3 × 100 steps), jump to the last step,
 *    one search, the longest main-thread task, and — enforced, it does not depend on the
 *    machine — the most step elements ever in the page (≤ 200: the list is virtualized).
 * 5. Simulator: how long a 10,000-step trace takes to produce and to serve, and its size.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import { findChromium } from './browser';
import { BENCH_AGENT_NAME, benchSeedAgents, TRACE_100_AGENT_NAME } from './bench-agents';
import { startSimulator, type RunningSimulator } from '../server/simulator/server';

const FIRST_PAGE_BUDGET_BYTES = 125 * 1000;
const TASK_REQUEST_BUDGET = 50;
const LIVE_RATIO_BUDGET = 1.2;
const LIST_WINDOW_MS = 30_000;
const TRACE_ELEMENTS_BUDGET = 200;
const TRACE_RATIO_TARGET = 3;
const TRACE_LOADS = 3;
const STATUS_LABELS = [
  'Pending',
  'Queued',
  'Running',
  'Waiting for input',
  'Awaiting review',
  'Completed',
  'Failed',
  'Stopped',
];

interface Row {
  figure: string;
  value: string;
  budget?: string;
  ok?: boolean;
  /** Over budget fails the script (machine-independent figures only). */
  enforced?: boolean;
}
const rows: Row[] = [];

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bench simulator's API, called directly (not through the browser, so not counted). */
class SimApi {
  constructor(readonly sim: RunningSimulator) {}

  async call<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
    const response = await fetch(`${this.sim.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.sim.options.apiKey}`,
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
    return (await response.json()) as T;
  }

  async agentId(name: string): Promise<string> {
    const page = await this.call<{ data: { id: string; name: string }[] }>(
      `/api/v1/agents?q=${encodeURIComponent(name)}`,
    );
    const id = page.data.find((agent) => agent.name === name)?.id;
    if (!id) throw new Error(`agent ${name} is not seeded`);
    return id;
  }

  async run(agentId: string, query: string): Promise<string> {
    return (
      await this.call<{ task_id: string }>(`/api/v1/agents/${agentId}/run`, 'POST', { query })
    ).task_id;
  }

  cancel(taskId: string): Promise<unknown> {
    return this.call(`/api/v1/tasks/${taskId}/cancel`, 'POST');
  }

  async status(taskId: string): Promise<string> {
    return (await this.call<{ status: string }>(`/api/v1/tasks/${taskId}`)).status;
  }

  async reset(): Promise<void> {
    await fetch(`${this.sim.url}/__sim/reset`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.sim.options.apiKey}` },
    });
  }
}

async function measureFirstPage(browser: Browser, origin: string, outDir: string): Promise<void> {
  const page = await browser.newPage();
  const scripts = new Map<string, Promise<number>>();
  page.on('response', (response) => {
    const url = response.url();
    if (url.startsWith(origin) && url.endsWith('.js')) {
      scripts.set(
        url,
        response.body().then((body) => gzipSync(body, { level: 6 }).length),
      );
    }
  });
  await page.goto(`${origin}/`);
  await page.getByRole('combobox', { name: 'Agent' }).waitFor();
  await page.waitForLoadState('load');
  let total = 0;
  for (const [url, size] of scripts) {
    const bytes = await size;
    total += bytes;
    rows.push({ figure: `  loaded by /: ${new URL(url).pathname}`, value: kb(bytes) });
  }
  rows.push({
    figure: `First-page JavaScript (${scripts.size} files, gzip)`,
    value: kb(total),
    budget: `≤ ${kb(FIRST_PAGE_BUDGET_BYTES)}`,
    ok: total <= FIRST_PAGE_BUDGET_BYTES,
    enforced: true,
  });
  const all = readdirSync(join(outDir, 'assets')).filter((file) => file.endsWith('.js'));
  const lazy = all.filter((file) => ![...scripts.keys()].some((url) => url.endsWith(file)));
  let lazyBytes = 0;
  for (const file of lazy)
    lazyBytes += gzipSync(readFileSync(join(outDir, 'assets', file)), { level: 6 }).length;
  rows.push({ figure: `Chunks / does not load (${lazy.length}, gzip)`, value: kb(lazyBytes) });
  await page.close();
}

/** Records, in the page, when the task view's status label changes (polled every 25 ms). */
async function recordStatusLabels(page: Page): Promise<void> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const labels = ${JSON.stringify(STATUS_LABELS)};
    const log = [];
    window.statusLog = log;
    setInterval(() => {
      const text = document.querySelector('main h1')?.parentElement?.textContent ?? '';
      const label = labels.find((candidate) => text.includes(candidate));
      if (label && log.at(-1)?.label !== label) log.push({ label, at: Date.now() });
    }, 25);
  })()`);
}

const LABEL_OF: Record<string, string> = {
  pending: 'Pending',
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  stopped: 'Stopped',
  failed: 'Failed',
};

async function measureWatchedTask(browser: Browser, origin: string, api: SimApi): Promise<void> {
  await api.reset();
  const agentId = await api.agentId(BENCH_AGENT_NAME);
  // A run holding the agent's one slot, so the watched task queues first and then starts: more
  // status changes early in its life, when the console promises to be quickest.
  const blocker = await api.run(agentId, 'Blocker');
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  const requests: { url: string; at: number }[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/')) requests.push({ url: request.url(), at: Date.now() });
  });

  const createdAt = Date.now();
  const taskId = await api.run(agentId, 'Watched: five steps of ten seconds');
  const opened = page.goto(`${origin}/tasks/${taskId}`);
  const changes: { status: string; at: number }[] = [];
  let serverStatus = '';
  let blockerCancelled = false;
  await opened;
  await recordStatusLabels(page);
  while (!['completed', 'failed', 'stopped'].includes(serverStatus)) {
    const status = await api.status(taskId);
    if (status !== serverStatus) {
      changes.push({ status, at: Date.now() });
      serverStatus = status;
    }
    if (!blockerCancelled && Date.now() - createdAt > 4_000) {
      blockerCancelled = true;
      await api.cancel(blocker);
    }
    await sleep(50);
  }
  const finalLabel = LABEL_OF[serverStatus] ?? serverStatus;
  await page.getByText(finalLabel, { exact: true }).first().waitFor({ timeout: 15_000 });
  const shownEndAt = Date.now();
  await sleep(10_000);
  const log = await page.evaluate(
    () => (window as unknown as { statusLog: { label: string; at: number }[] }).statusLog,
  );

  const during = requests.filter((request) => request.at <= shownEndAt);
  const after = requests.filter((request) => request.at > shownEndAt);
  // The first status is the task's state at creation, not a change: the page opens on it.
  const lateness = changes.slice(1).map((change) => {
    const label = LABEL_OF[change.status] ?? change.status;
    const shown = log.find((entry) => entry.label === label && entry.at >= change.at - 200);
    return {
      status: change.status,
      age: change.at - createdAt,
      late: shown ? Math.max(0, shown.at - change.at) : Number.POSITIVE_INFINITY,
    };
  });
  rows.push({
    figure: `50-second task on its page: requests, start to finish`,
    value: `${during.length} (${(shownEndAt - createdAt) / 1000} s)`,
    budget: `≤ ${TASK_REQUEST_BUDGET}`,
    ok: during.length <= TASK_REQUEST_BUDGET,
    enforced: true,
  });
  const byPath = new Map<string, number>();
  for (const request of during) {
    const path = new URL(request.url).pathname.replace(taskId, ':id').replace(agentId, ':agent');
    byPath.set(path, (byPath.get(path) ?? 0) + 1);
  }
  for (const [path, count] of byPath) rows.push({ figure: `  ${path}`, value: String(count) });
  rows.push({
    figure: `50-second task: requests in the 10 s after it ended`,
    value: String(after.length),
    budget: '0',
    ok: after.length === 0,
    enforced: true,
  });
  for (const { status, age, late } of lateness) {
    const limit = age < 10_000 ? 1_500 : 2_500;
    rows.push({
      figure: `  on screen after the change to ${status} (at ${(age / 1000).toFixed(1)} s)`,
      value: Number.isFinite(late) ? `${(late / 1000).toFixed(2)} s` : 'never',
      budget: `≤ ${limit / 1000} s`,
      ok: late <= limit,
    });
  }
  await context.close();
}

/** Requests per minute of the list's refresh with `live` live tasks among 999 finished. */
async function listCost(
  browser: Browser,
  origin: string,
  api: SimApi,
  live: number,
): Promise<{ perMinute: number; finishedReads: number }> {
  await api.reset();
  const agentId = await api.agentId(BENCH_AGENT_NAME);
  const finished: string[] = [];
  for (let batch = 0; batch < 999; batch += 37) {
    const ids = await Promise.all(
      Array.from({ length: Math.min(37, 999 - batch) }, (_, i) =>
        api.run(agentId, `Finished ${batch + i + 1}`),
      ),
    );
    await Promise.all(ids.map((id) => api.cancel(id)));
    finished.push(...ids);
  }
  for (let i = 0; i < live; i++) await api.run(agentId, `Live ${i + 1}`);
  // Past every task's first ten seconds, so both runs measure the same step of the ladder.
  await sleep(11_000);

  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  const requests: string[] = [];
  let counting = false;
  page.on('request', (request) => {
    if (counting && request.url().includes('/api/v1/')) requests.push(request.url());
  });
  await page.goto(`${origin}/tasks`);
  await page.getByRole('list', { name: 'Tasks' }).getByRole('link').first().waitFor();
  await sleep(2_000);
  counting = true;
  await sleep(LIST_WINDOW_MS);
  counting = false;
  await context.close();
  const finishedSet = new Set(finished);
  const list = requests.filter((url) => new URL(url).pathname === '/api/v1/tasks');
  const finishedReads = requests.filter((url) => {
    const id = new URL(url).pathname.split('/')[4];
    return id !== undefined && finishedSet.has(id);
  });
  return {
    perMinute: (list.length * 60_000) / LIST_WINDOW_MS,
    finishedReads: finishedReads.length,
  };
}

async function measureListCost(browser: Browser, origin: string, api: SimApi): Promise<void> {
  const one = await listCost(browser, origin, api, 1);
  const hundred = await listCost(browser, origin, api, 100);
  rows.push({
    figure: 'Task list, 1 live + 999 finished: GET /tasks per minute',
    value: String(one.perMinute),
  });
  rows.push({
    figure: 'Task list, 100 live + 999 finished: GET /tasks per minute',
    value: String(hundred.perMinute),
  });
  const ratio = hundred.perMinute / Math.max(1, one.perMinute);
  rows.push({
    figure: 'Task list: 100 live / 1 live',
    value: ratio.toFixed(2),
    budget: `≤ ${LIVE_RATIO_BUDGET}`,
    ok: ratio <= LIVE_RATIO_BUDGET,
    enforced: true,
  });
  rows.push({
    figure: 'Task list: reads of finished tasks',
    value: String(one.finishedReads + hundred.finishedReads),
    budget: '0',
    ok: one.finishedReads + hundred.finishedReads === 0,
    enforced: true,
  });
}

interface TraceTasks {
  hundred: string;
  tenThousand: string;
}

/** Starts the two long-trace runs the Trace section reads; they finish while the bench builds. */
async function startTraceTasks(api: SimApi): Promise<TraceTasks> {
  const [small, large] = await Promise.all([
    api.agentId(TRACE_100_AGENT_NAME),
    api.agentId('Trace Stress Test'),
  ]);
  return {
    hundred: await api.run(small, 'Bench trace: 100 steps'),
    tenThousand: await api.run(large, 'Bench trace: 10,000 steps'),
  };
}

// In-page helpers, as strings: tsx would wrap named inner functions in a helper the page lacks.
const STEP_SELECTOR = '[role="list"][aria-label="Trace steps"] [role="listitem"]';
const IN_PAGE = `
  window.traceBench = {
    steps: () => document.querySelectorAll(${JSON.stringify(STEP_SELECTOR)}).length,
    until: (test) => new Promise((resolve) => {
      const tick = () => (test() ? resolve(performance.now()) : requestAnimationFrame(tick));
      tick();
    }),
    step: (n) => [...document.querySelectorAll(${JSON.stringify(STEP_SELECTOR)})]
      .find((item) => new RegExp('^#' + n + '\\\\D').test(item.textContent || '')),
  };
`;

interface TraceFigures {
  firstStep: number;
  maxSteps: number;
}

/** Loads the trace tab of `taskId`; returns ms from navigation start to the first step shown. */
async function openTrace(page: Page, origin: string, taskId: string): Promise<TraceFigures> {
  await page.goto(`${origin}/tasks/${taskId}?tab=trace`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (selector) => (document.querySelector(selector) ? performance.now() : false),
    STEP_SELECTOR,
    { polling: 'raf', timeout: 60_000 },
  );
  const firstStep = (await handle.jsonValue()) as number;
  await page.evaluate(IN_PAGE);
  return { firstStep, maxSteps: await page.evaluate<number>('window.traceBench.steps()') };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

async function measureTrace(
  browser: Browser,
  origin: string,
  api: SimApi,
  tasks: TraceTasks,
): Promise<void> {
  for (const taskId of [tasks.hundred, tasks.tenThousand]) {
    while ((await api.status(taskId)) !== 'completed') await sleep(250);
  }
  const steps = (await api.call<{ feed: unknown[] }>(`/api/v1/tasks/${tasks.tenThousand}/result`))
    .feed.length;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(`
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  `);
  const page = await context.newPage();
  let maxSteps = 0;
  // One load first, so both sizes are measured with the app's chunks in the browser's cache.
  await openTrace(page, origin, tasks.hundred);
  const opens: Record<'hundred' | 'tenThousand', number[]> = { hundred: [], tenThousand: [] };
  for (let load = 0; load < TRACE_LOADS; load++) {
    for (const size of ['hundred', 'tenThousand'] as const) {
      const figures = await openTrace(page, origin, tasks[size]);
      opens[size].push(figures.firstStep);
      maxSteps = Math.max(maxSteps, figures.maxSteps);
    }
  }
  const longestOpen = await page.evaluate<number>('Math.max(0, ...window.longTasks)');

  // On the 10,000-step trace as the last load left it: jump to the end, then one search.
  const jump = await page.evaluate<{ ms: number; steps: number }>(`(async () => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Last step');
    const started = performance.now();
    button.click();
    const shown = await window.traceBench.until(() => window.traceBench.step(${steps}));
    return { ms: shown - started, steps: window.traceBench.steps() };
  })()`);
  maxSteps = Math.max(maxSteps, jump.steps);
  const search = await page.evaluate<{ ms: number; steps: number }>(`(async () => {
    const input = document.querySelector('input[aria-label="Search trace"]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const started = performance.now();
    setValue.call(input, 'note-1234"');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // Enter searches at once instead of waiting for typing to settle.
    await new Promise((resolve) => setTimeout(resolve, 0));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const shown = await window.traceBench.until(() =>
      [...document.querySelectorAll('[role="status"]')].some((s) => /^1 of 1 match$/.test(s.textContent || '')) &&
      [...document.querySelectorAll(${JSON.stringify(STEP_SELECTOR)})].some((s) => (s.textContent || '').includes('note-1234')));
    return { ms: shown - started, steps: window.traceBench.steps() };
  })()`);
  maxSteps = Math.max(maxSteps, search.steps);
  const longest = await page.evaluate<number>('Math.max(0, ...window.longTasks)');
  await context.close();

  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const hundred = median(opens.hundred);
  const tenThousand = median(opens.tenThousand);
  rows.push({
    figure: 'Trace, 100 steps: first step on screen (median of 3 loads)',
    value: ms(hundred),
  });
  rows.push({
    figure: `Trace, ${steps.toLocaleString('en')} steps: first step on screen (median of 3)`,
    value: ms(tenThousand),
    budget: `≤ ${TRACE_RATIO_TARGET} × 100 steps`,
    ok: tenThousand <= TRACE_RATIO_TARGET * hundred,
  });
  rows.push({ figure: '  10,000 / 100 steps', value: (tenThousand / hundred).toFixed(2) });
  rows.push({
    figure: `Trace, ${steps.toLocaleString('en')} steps: jump to the last step`,
    value: ms(jump.ms),
  });
  rows.push({
    figure: `Trace, ${steps.toLocaleString('en')} steps: one search (1 match)`,
    value: ms(search.ms),
  });
  rows.push({
    figure: 'Trace: longest main-thread task (loads / after jump and search)',
    value: `${ms(longestOpen)} / ${ms(longest)}`,
  });
  rows.push({
    figure: 'Trace: most step elements in the page',
    value: String(maxSteps),
    budget: `≤ ${TRACE_ELEMENTS_BUDGET}`,
    ok: maxSteps > 0 && maxSteps <= TRACE_ELEMENTS_BUDGET,
    enforced: true,
  });
}

async function measureSimulator(): Promise<void> {
  const steps = 10_000;
  const sim = await startSimulator({
    port: 0,
    timeScale: 100_000,
    longTraceSteps: steps,
    quiet: true,
  });
  try {
    const api = new SimApi(sim);
    const agentId = await api.agentId('Trace Stress Test');
    const started = performance.now();
    const taskId = await api.run(agentId, 'bench');
    let status = '';
    while (status !== 'completed' && status !== 'failed') {
      await sleep(20);
      status = await api.status(taskId);
    }
    rows.push({
      figure: `Simulator: ${steps.toLocaleString('en')}-step task to ${status}`,
      value: `${(performance.now() - started).toFixed(0)} ms`,
    });
    const fetchStarted = performance.now();
    const body = await (
      await fetch(`${sim.url}/api/v1/tasks/${taskId}/result`, {
        headers: { Authorization: `Bearer ${sim.options.apiKey}` },
      })
    ).text();
    const feed = (JSON.parse(body) as { feed: unknown[] }).feed;
    rows.push({
      figure: `Simulator: GET /result (${feed.length.toLocaleString('en')} feed items)`,
      value: `${(performance.now() - fetchStarted).toFixed(0)} ms, ${kb(Buffer.byteLength(body))}`,
    });
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  const sim = await startSimulator({
    port: 0,
    timeScale: 1,
    concurrency: 1,
    quiet: true,
    seedAgents: benchSeedAgents,
  });
  // The dashboard's proxy reads these when `preview` starts: the bench simulator, never a key.
  process.env.SIMULATOR_URL = sim.url;
  process.env.SIMULATOR_API_KEY = sim.options.apiKey;
  process.env.NANONETS_API_KEY = '';
  const api = new SimApi(sim);
  // Started first: at time scale 1 the 10,000-step run takes ~20 s, done while the bench builds.
  const traceTasks = await startTraceTasks(api);
  const outDir = mkdtempSync(join(tmpdir(), 'agent-console-bench-'));
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  try {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    server = await preview({
      configFile: 'vite.config.ts',
      logLevel: 'silent',
      build: { outDir },
      preview: { port: 0, strictPort: false },
    });
    const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
    if (!origin) throw new Error('vite preview did not report its URL');
    const choice = findChromium();
    browser = await chromium.launch({
      executablePath: choice.kind === 'none' ? undefined : choice.executablePath,
    });
    await measureFirstPage(browser, origin, outDir);
    // Before the sections that reset the simulator (and with it the two trace runs).
    await measureTrace(browser, origin, api, traceTasks);
    await measureWatchedTask(browser, origin, api);
    await measureListCost(browser, origin, api);
  } finally {
    await browser?.close();
    await server?.close();
    await sim.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  await measureSimulator();
}

await main();

const width = Math.max(...rows.map((row) => row.figure.length));
console.log('\nAgent Console benchmarks\n');
for (const row of rows) {
  const verdict = row.ok === undefined ? '' : row.ok ? '  ok' : '  OVER BUDGET';
  console.log(
    `${row.figure.padEnd(width)}  ${row.value.padStart(22)}  ${row.budget ?? ''}${verdict}`,
  );
}
if (rows.some((row) => row.ok === false && row.enforced)) process.exitCode = 1;
