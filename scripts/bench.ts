/**
 * `npm run bench`: the performance budgets, measured and printed.
 *
 * Figures, not timed assertions: these machines are shared and noisy, so wall-clock numbers are
 * printed for people to compare within one run, while the one deterministic budget (bytes of
 * JavaScript on the first page) fails the script when it is exceeded.
 *
 * 1. First-page JavaScript: a production build served by `vite preview` (with its proxy and
 *    simulator), `/` opened in headless Chromium, and the gzip size of every script the page
 *    actually loaded until its agents were listed — eager entry, modulepreloads and any lazy
 *    chunk the first screen pulls in. Budget: 125 KB gzip (level 6, what servers use), with the
 *    whole named stack in (React, TanStack Query, react-dropzone, …) and the error path eager.
 * 2. Simulator: how long a 10,000-step trace takes to produce and to serve, and its size.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { findChromium } from './browser';
import { startSimulator } from '../server/simulator/server';

const FIRST_PAGE_BUDGET_BYTES = 125 * 1000;

interface Row {
  figure: string;
  value: string;
  budget?: string;
  ok?: boolean;
}
const rows: Row[] = [];

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

async function measureBundle(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'agent-console-bench-'));
  const server = await (async () => {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    return preview({
      configFile: 'vite.config.ts',
      logLevel: 'silent',
      build: { outDir },
      preview: { port: 0, strictPort: false },
    });
  })();
  const browserChoice = findChromium();
  const browser = await chromium.launch({
    executablePath: browserChoice.kind === 'none' ? undefined : browserChoice.executablePath,
  });
  try {
    const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
    if (!origin) throw new Error('vite preview did not report its URL');
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
    });
    const all = readdirSync(join(outDir, 'assets')).filter((file) => file.endsWith('.js'));
    const lazy = all.filter((file) => ![...scripts.keys()].some((url) => url.endsWith(file)));
    let lazyBytes = 0;
    for (const file of lazy)
      lazyBytes += gzipSync(readFileSync(join(outDir, 'assets', file)), { level: 6 }).length;
    rows.push({
      figure: `Chunks / does not load (${lazy.length}, gzip)`,
      value: kb(lazyBytes),
    });
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
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
    const headers = {
      Authorization: `Bearer ${sim.options.apiKey}`,
      'Content-Type': 'application/json',
    };
    const agents = (await (
      await fetch(`${sim.url}/api/v1/agents?q=Trace%20Stress`, { headers })
    ).json()) as {
      data: { id: string }[];
    };
    const agentId = agents.data[0]?.id;
    if (!agentId) throw new Error('the long-trace agent is not seeded');
    const started = performance.now();
    const run = (await (
      await fetch(`${sim.url}/api/v1/agents/${agentId}/run`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: 'bench' }),
      })
    ).json()) as { task_id: string };
    let status = '';
    while (status !== 'completed' && status !== 'failed') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (
        (await (await fetch(`${sim.url}/api/v1/tasks/${run.task_id}`, { headers })).json()) as {
          status: string;
        }
      ).status;
    }
    rows.push({
      figure: `Simulator: ${steps.toLocaleString('en')}-step task to ${status}`,
      value: `${(performance.now() - started).toFixed(0)} ms`,
    });
    const fetchStarted = performance.now();
    const body = await (
      await fetch(`${sim.url}/api/v1/tasks/${run.task_id}/result`, { headers })
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

await measureBundle();
await measureSimulator();

const width = Math.max(...rows.map((row) => row.figure.length));
console.log('\nAgent Console benchmarks\n');
for (const row of rows) {
  const verdict = row.ok === undefined ? '' : row.ok ? '  ok' : '  OVER BUDGET';
  console.log(
    `${row.figure.padEnd(width)}  ${row.value.padStart(22)}  ${row.budget ?? ''}${verdict}`,
  );
}
if (rows.some((row) => row.ok === false)) process.exitCode = 1;
