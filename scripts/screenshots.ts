/** `npm run screenshots`: the pictures in `docs/screenshots/`, one per view in light, dark and on a
 *  phone, taken from a fresh production build against the simulator, so they show what ships. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { readServerConfig } from '../server/app/config';
import { startConsoleServer } from '../server/app/server';
import { startSimulator, type RunningSimulator } from '../server/simulator/server';
import { findChromium } from './browser';

const OUT_DIR = 'docs/screenshots';

const VARIANTS = [
  { name: 'light', width: 1440, height: 900, scheme: 'light' },
  { name: 'dark', width: 1440, height: 900, scheme: 'dark' },
  { name: 'phone', width: 390, height: 844, scheme: 'light' },
] as const;

const INVOICE = `ACME Supplies GmbH
INVOICE
Invoice Number: INV-2026-0042
Invoice Date: 2026-11-30
Subtotal: EUR 120.08
VAT 19%: EUR 22.81
Total: EUR 142.89
`;
const TWO_TOTALS = `ACME Supplies GmbH
INVOICE
Invoice Number: INV-2026-0077
Total: EUR 505.51
Grand total: EUR 520.00
`;

async function call<T>(sim: RunningSimulator, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${sim.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${sim.options.apiKey}`, ...init.headers },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status}`);
  return (await response.json()) as T;
}

async function agentId(sim: RunningSimulator, name: string): Promise<string> {
  const page = await call<{ data: { id: string; name: string }[] }>(
    sim,
    `/api/v1/agents?q=${encodeURIComponent(name)}`,
  );
  const id = page.data.find((agent) => agent.name === name)?.id;
  if (!id) throw new Error(`agent ${name} is not seeded`);
  return id;
}

async function run(sim: RunningSimulator, agent: string, query: string, file?: [string, string]) {
  const body = new FormData();
  body.set('query', query);
  if (file) body.append('files', new Blob([file[1]], { type: 'text/plain' }), file[0]);
  const started = await call<{ task_id: string }>(
    sim,
    `/api/v1/agents/${await agentId(sim, agent)}/run`,
    { method: 'POST', body },
  );
  return started.task_id;
}

async function until(sim: RunningSimulator, taskId: string, status: string): Promise<void> {
  for (let tries = 0; tries < 300; tries += 1) {
    const task = await call<{ status: string }>(sim, `/api/v1/tasks/${taskId}`);
    if (task.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`task ${taskId} never reached ${status}`);
}

/** Each view: its file name, its path, and what must be on screen before the picture. */
function views(tasks: Record<'invoice' | 'waiting' | 'research', string>) {
  return [
    { name: 'new-run', path: '/', ready: chooseInvoiceAgent },
    { name: 'tasks', path: '/tasks', ready: heading },
    { name: 'summary', path: `/tasks/${tasks.invoice}`, ready: heading },
    { name: 'conversation', path: `/tasks/${tasks.waiting}?tab=conversation`, ready: heading },
    { name: 'trace', path: `/tasks/${tasks.research}?tab=trace`, ready: heading },
  ];
}

async function heading(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByText('Loading…').first().waitFor({ state: 'detached' });
  await page.evaluate(() => document.fonts.ready);
}

async function chooseInvoiceAgent(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Agent' }).fill('invo');
  await page
    .getByRole('option', { name: /Invoice Extractor/ })
    .first()
    .click();
  await page.getByRole('textbox', { name: 'Query' }).fill('Extract the invoice header and total.');
  await heading(page);
}

async function shoot(browser: Browser, origin: string, tasks: Parameters<typeof views>[0]) {
  for (const variant of VARIANTS) {
    const context = await browser.newContext({
      viewport: { width: variant.width, height: variant.height },
      colorScheme: variant.scheme,
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    for (const view of views(tasks)) {
      await page.goto(`${origin}${view.path}`);
      await view.ready(page);
      const file = join(OUT_DIR, `${view.name}-${variant.name}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
    }
    await context.close();
  }
}

async function main(): Promise<void> {
  const sim = await startSimulator({ port: 0, timeScale: 10, quiet: true });
  const outDir = mkdtempSync(join(tmpdir(), 'agent-console-shots-'));
  const env = {
    HOST: '127.0.0.1',
    PORT: '0',
    SIMULATOR_URL: sim.url,
    SIMULATOR_API_KEY: sim.options.apiKey,
    NANONETS_API_KEY: '',
    CONSOLE_LOG: 'off',
  };
  try {
    const tasks = {
      invoice: await run(sim, 'Invoice Extractor', 'Extract this invoice', ['acme.txt', INVOICE]),
      waiting: await run(sim, 'Invoice Extractor', 'Extract the total', ['two.txt', TWO_TOTALS]),
      research: await run(sim, 'Deep Researcher', 'What changed in EU e-invoicing rules in 2026?'),
    };
    await build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { outDir } });
    await until(sim, tasks.invoice, 'completed');
    await until(sim, tasks.waiting, 'waiting_for_input');
    await until(sim, tasks.research, 'completed');
    const server = await startConsoleServer(
      readServerConfig(env, { distDir: outDir, isTTY: false }),
      env,
    );
    const choice = findChromium();
    const browser = await chromium.launch({
      executablePath: choice.kind === 'none' ? undefined : choice.executablePath,
    });
    try {
      mkdirSync(OUT_DIR, { recursive: true });
      await shoot(browser, server.url, tasks);
    } finally {
      await browser.close();
      await server.close(1_000);
    }
  } finally {
    await sim.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
