/**
 * `npm run bench`: the performance budgets, measured and printed.
 *
 * Figures, not timed assertions: these machines are shared and noisy, so wall-clock numbers are
 * printed for people to compare within one run, while the one deterministic budget (bytes of
 * JavaScript on the first page) fails the script when it is exceeded.
 *
 * 1. First-page JavaScript: a production build, then the gzip size of every script the entry
 *    HTML loads eagerly (the entry and its modulepreloads). Budget: 100 KB gzip.
 * 2. Simulator: how long a 10,000-step trace takes to produce and to serve, and its size.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { startSimulator } from '../server/simulator/server';

const FIRST_PAGE_BUDGET_BYTES = 100 * 1000;

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
  try {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const eager = new Set<string>();
    for (const match of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) eager.add(match[1] ?? '');
    for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g))
      eager.add(match[1] ?? '');
    let eagerBytes = 0;
    for (const src of eager) {
      const gz = gzipSync(readFileSync(join(outDir, src.replace(/^\//, ''))), { level: 9 }).length;
      eagerBytes += gz;
      rows.push({ figure: `  first page: ${src}`, value: kb(gz) });
    }
    rows.push({
      figure: 'First-page JavaScript (gzip)',
      value: kb(eagerBytes),
      budget: `≤ ${kb(FIRST_PAGE_BUDGET_BYTES)}`,
      ok: eagerBytes <= FIRST_PAGE_BUDGET_BYTES,
    });
    const assets = readdirSync(join(outDir, 'assets')).filter((file) => file.endsWith('.js'));
    const lazy = assets.filter((file) => ![...eager].some((src) => src.endsWith(file)));
    let lazyBytes = 0;
    for (const file of lazy)
      lazyBytes += gzipSync(readFileSync(join(outDir, 'assets', file)), { level: 9 }).length;
    rows.push({
      figure: `Lazy chunks (${lazy.length}, gzip, loaded on demand)`,
      value: kb(lazyBytes),
    });
  } finally {
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
