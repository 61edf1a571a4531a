/** The batch start's share of `npm run bench`: the page's JS heap while New run starts a batch of
 *  200 files of 5 MB (generated on disk, chosen through the file input as a person would), to
 *  show the files are not held in the page's memory. Run alone: `npx tsx scripts/bench-batch-start.ts`. */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'vite';
import { readServerConfig } from '../server/app/config';
import { startConsoleServer } from '../server/app/server';
import { startSimulator } from '../server/simulator/server';
import { BENCH_AGENT_NAME, benchSeedAgents } from './bench-agents';
import { findChromium } from './browser';

export const BATCH_FILES = 200;
export const BATCH_FILE_BYTES = 5 * 1024 * 1024;
/** The longest a batch start is watched. */
const START_TIMEOUT_MS = 4 * 60_000;
const SAMPLE_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BatchStartMemory {
  /** JS heap used before Run (files chosen), after a garbage collection. */
  beforeBytes: number;
  /** The most JS heap used while the batch was being started. */
  peakBytes: number;
  /** Tasks the simulator holds once watching ended. */
  started: number;
  seconds: number;
}

/** `count` files of `bytes` each in a new folder (sparse: no time spent writing zeros). */
function makeFiles(count: number, bytes: number): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'agent-console-bench-files-'));
  const paths = Array.from({ length: count }, (_, index) => {
    const path = join(dir, `statement-${String(index + 1).padStart(3, '0')}.txt`);
    writeFileSync(path, `Statement ${index + 1}\n`);
    truncateSync(path, bytes);
    return path;
  });
  return { dir, paths };
}

/**
 * Opens New run, chooses the bench agent and the files, switches on `One task per file`, runs,
 * and samples the page's JS heap until the simulator holds a task per file. `countTasks` reads
 * the simulator directly (not through the page, so not counted).
 */
export async function batchStartMemory(
  browser: Browser,
  origin: string,
  countTasks: () => Promise<number>,
): Promise<BatchStartMemory> {
  const { dir, paths } = makeFiles(BATCH_FILES, BATCH_FILE_BYTES);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const heap = async () =>
      ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    await page.goto(`${origin}/`);
    const agent = page.getByRole('combobox', { name: 'Agent' });
    await agent.fill('Bench');
    await page
      .getByRole('listbox')
      .getByRole('option')
      .filter({ hasText: BENCH_AGENT_NAME })
      .first()
      .click();
    await page.locator('input[type=file]:not([webkitdirectory])').setInputFiles(paths);
    const perFile = page.getByRole('switch', { name: 'One task per file' });
    await perFile.check();
    await page
      .getByRole('list', { name: 'Files', exact: true })
      .getByRole('listitem')
      .nth(BATCH_FILES - 1)
      .waitFor();
    await cdp.send('HeapProfiler.collectGarbage');
    const beforeBytes = await heap();
    let peakBytes = beforeBytes;
    const startedAt = Date.now();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    let started = 0;
    let lastCount = 0;
    while (Date.now() - startedAt < START_TIMEOUT_MS) {
      peakBytes = Math.max(peakBytes, await heap());
      if (Date.now() - lastCount > 2_000) {
        lastCount = Date.now();
        started = await countTasks();
        if (started >= BATCH_FILES) break;
      }
      await sleep(SAMPLE_MS);
    }
    return { beforeBytes, peakBytes, started, seconds: (Date.now() - startedAt) / 1000 };
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Tasks the simulator holds, past its rate limits (its control route). */
export async function heldTaskCount(simUrl: string, apiKey: string): Promise<number> {
  const response = await fetch(`${simUrl}/__sim/tasks`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  if (!response.ok) throw new Error(`GET /__sim/tasks → ${response.status}`);
  return ((await response.json()) as { data: unknown[] }).data.length;
}

export function formatBatchStartMemory(result: BatchStartMemory): string {
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  return `${mb(result.peakBytes)} peak (${mb(result.beforeBytes)} before Run; ${result.started}/${BATCH_FILES} started in ${result.seconds.toFixed(0)} s)`;
}

/** Alone: a simulator, the production server over a fresh build, Chromium. */
async function main(): Promise<void> {
  const sim = await startSimulator({
    port: 0,
    timeScale: 1,
    concurrency: 1,
    quiet: true,
    seedAgents: benchSeedAgents,
  });
  const outDir = mkdtempSync(join(tmpdir(), 'agent-console-bench-start-'));
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
    const choice = findChromium();
    browser = await chromium.launch({
      executablePath: choice.kind === 'none' ? undefined : choice.executablePath,
    });
    const result = await batchStartMemory(browser, server.url, () =>
      heldTaskCount(sim.url, sim.options.apiKey),
    );
    console.log(
      `Batch start, ${BATCH_FILES} files of 5 MB: page JS heap  ${formatBatchStartMemory(result)}`,
    );
  } finally {
    await browser?.close();
    await server?.close(1_000);
    await sim.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench-batch-start.ts')) await main();
