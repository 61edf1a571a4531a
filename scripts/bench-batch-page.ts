/** The batch page's share of `npm run bench`: requests per minute of `/batches/:id` showing a
 *  batch of live tasks (its batch written into the page's IndexedDB as the console stores one).
 *  Run alone (`npx tsx scripts/bench-batch-page.ts`) it measures a batch of 100 live tasks. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { readServerConfig } from '../server/app/config';
import { startConsoleServer } from '../server/app/server';
import { startSimulator } from '../server/simulator/server';
import { BENCH_AGENT_NAME, benchSeedAgents } from './bench-agents';
import { findChromium } from './browser';

/** As `src/entities/batch/store.ts` keeps a batch (idb-keyval: one object store per database). */
const BATCHES_DB = 'agent-console-batches';
const BATCHES_STORE = 'batches';
const RECORD_VERSION = 1;

export interface BenchBatch {
  agentId: string;
  taskIds: readonly string[];
  /** Epoch ms, before the first task was created. */
  createdAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function storeBatch(page: Page, batchId: string, batch: BenchBatch): Promise<void> {
  const record = {
    v: RECORD_VERSION,
    batch: {
      id: batchId,
      agentId: batch.agentId,
      agentName: BENCH_AGENT_NAME,
      createdAt: batch.createdAt,
      query: 'Bench batch',
      files: batch.taskIds.map((taskId, index) => ({
        key: String(index),
        name: `file-${index + 1}.txt`,
        size: 1,
        type: 'text/plain',
        taskIds: [taskId],
        start: { state: 'started' },
      })),
    },
  };
  await page.evaluate(
    ({ db, store, id, value }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onupgradeneeded = () => open.result.createObjectStore(store);
        open.onerror = () => reject(open.error ?? new Error('IndexedDB did not open'));
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          tx.objectStore(store).put(value, id);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
        };
      }),
    { db: BATCHES_DB, store: BATCHES_STORE, id: batchId, value: record },
  );
}

/**
 * `/api/v1` requests per minute of a batch page left open for `windowMs` (after it shows its
 * rows and settles for 2 s, as the list's figure is taken), and how many of them read one of the
 * batch's tasks on its own.
 */
export async function batchPageCost(
  browser: Browser,
  origin: string,
  batch: BenchBatch,
  windowMs: number,
): Promise<{ perMinute: number; ownReads: number }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  const requests: URL[] = [];
  let counting = false;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (counting && url.pathname.startsWith('/api/v1/')) requests.push(url);
  });
  await page.goto(`${origin}/batches`);
  await page.getByRole('heading', { level: 1, name: 'Batches' }).waitFor();
  const batchId = 'bench-batch';
  await storeBatch(page, batchId, batch);
  await page.goto(`${origin}/batches/${batchId}`);
  const table = page.getByRole('table', { name: 'Batch tasks' });
  await table.getByRole('link').first().waitFor();
  await sleep(2_000);
  counting = true;
  await sleep(windowMs);
  counting = false;
  await context.close();
  const ids = new Set(batch.taskIds);
  return {
    perMinute: (requests.length * 60_000) / windowMs,
    ownReads: requests.filter((url) => ids.has(url.pathname.split('/')[4] ?? '')).length,
  };
}

/** `/api/v1` requests per minute of the task list on the same tasks, for the comparison alone. */
async function listPageCost(browser: Browser, origin: string, windowMs: number): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  let count = 0;
  let counting = false;
  page.on('request', (request) => {
    if (counting && new URL(request.url()).pathname.startsWith('/api/v1/')) count += 1;
  });
  await page.goto(`${origin}/tasks`);
  await page.getByRole('list', { name: 'Tasks' }).getByRole('link').first().waitFor();
  await sleep(2_000);
  counting = true;
  await sleep(windowMs);
  counting = false;
  await context.close();
  return (count * 60_000) / windowMs;
}

/** Alone: 100 live tasks of the bench agent (one runs, the rest queue), the list, then the batch
 *  page. */
async function main(): Promise<void> {
  const sim = await startSimulator({
    port: 0,
    timeScale: 1,
    concurrency: 1,
    quiet: true,
    seedAgents: benchSeedAgents,
  });
  const outDir = mkdtempSync(join(tmpdir(), 'agent-console-bench-batch-'));
  const call = async <T>(path: string, method = 'GET', body?: unknown): Promise<T> => {
    const response = await fetch(`${sim.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${sim.options.apiKey}`,
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
    return (await response.json()) as T;
  };
  const env = {
    HOST: '127.0.0.1',
    PORT: '0',
    SIMULATOR_URL: sim.url,
    SIMULATOR_API_KEY: sim.options.apiKey,
    NANONETS_API_KEY: '',
    CONSOLE_LOG: 'off',
  };
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startConsoleServer>> | undefined;
  try {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    server = await startConsoleServer(
      readServerConfig(env, { distDir: outDir, isTTY: false }),
      env,
    );
    const agents = await call<{ data: { id: string; name: string }[] }>(
      `/api/v1/agents?q=${encodeURIComponent(BENCH_AGENT_NAME)}`,
    );
    const agentId = agents.data.find((agent) => agent.name === BENCH_AGENT_NAME)?.id ?? '';
    const createdAt = Date.now() - 1_000;
    const taskIds: string[] = [];
    for (let i = 0; i < 100; i++) {
      const run = await call<{ task_id: string }>(`/api/v1/agents/${agentId}/run`, 'POST', {
        query: `Live ${i + 1}`,
      });
      taskIds.push(run.task_id);
    }
    await sleep(11_000);
    const choice = findChromium();
    browser = await chromium.launch({
      executablePath: choice.kind === 'none' ? undefined : choice.executablePath,
    });
    const list = await listPageCost(browser, server.url, 30_000);
    const cost = await batchPageCost(browser, server.url, { agentId, taskIds, createdAt }, 30_000);
    console.log(`Task list, 100 live: /api/v1 requests per minute   ${list}`);
    console.log(`Batch page, 100 live: /api/v1 requests per minute  ${cost.perMinute}`);
    console.log(`Batch page, 100 live: reads of single tasks           ${cost.ownReads}`);
  } finally {
    await browser?.close();
    await server?.close(1_000);
    await sim.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench-batch-page.ts')) await main();
