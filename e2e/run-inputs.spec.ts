/** What a task was given and where its time went (issue 15): `Run inputs` from this browser and,
 *  elsewhere from the API, saying so; `Time in status` alike in the watching and a fresh browser. */
import type { Browser, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TWO_TOTALS } from './documents';

const invoice = (number: string, total: string) =>
  `ACME Supplies GmbH\nINVOICE\nInvoice Number: ${number}\nInvoice Date: 2026-03-01\nTotal: EUR ${total}\n`;
const MARCH = invoice('INV-3', '100.00');
const APRIL = invoice('INV-4', '250.00');
const SCHEMA = '{"invoice_number": "string", "total": "number"}';
const INSTRUCTIONS = 'Amounts as plain numbers, no currency sign.';

function runInputs(page: Page): Locator {
  return page.getByRole('region', { name: 'Run inputs' });
}

/** The value beside a term of `Run inputs`. */
function field(page: Page, term: string): Locator {
  return runInputs(page).locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

/** The figures of `Time in status` from the task's timestamps, as shown. */
function timestampFigures(page: Page): Locator {
  return page.getByRole('list', { name: 'From the task’s timestamps' });
}

function traceSplit(page: Page): Locator {
  return page.getByRole('list', { name: 'Split by the trace’s step times' });
}

async function openFresh(browser: Browser, path: string) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await page.goto(path);
  return { context, page };
}

test('Run inputs shows what was sent, and in a fresh browser what the API tells', async ({
  page,
  newRun,
  tasks,
  simulator,
  browser,
}) => {
  // One run read to its end in two browsers.
  test.setTimeout(75_000);
  await newRun.open();
  await newRun.chooseAgent('Invoice', 'Invoice Extractor');
  await newRun.query.fill('Extract both invoices');
  await newRun.fileInput.setInputFiles([
    { name: 'march.txt', mimeType: 'text/plain', buffer: Buffer.from(MARCH) },
    { name: 'april.txt', mimeType: 'text/plain', buffer: Buffer.from(APRIL) },
  ]);
  await newRun.outputSchema.fill(SCHEMA);
  await newRun.instructions.fill(INSTRUCTIONS);
  await newRun.run.click();
  await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
  const path = new URL(page.url()).pathname;
  const taskId = path.split('/').pop() ?? '';

  // What the server received is what the page says was sent.
  const [run] = await simulator.requests({ path: '/api/v1/agents/', method: 'POST' });
  const files = (run?.parts ?? []).filter((part) => part.name === 'files');
  expect(files.map((part) => [part.filename, part.size])).toEqual([
    ['march.txt', MARCH.length],
    ['april.txt', APRIL.length],
  ]);

  const region = runInputs(page);
  await expect(region).toContainText('As sent from this browser');
  await expect(field(page, 'Query')).toHaveText('Extract both invoices');
  await expect(region.getByRole('list', { name: 'Files sent' }).getByRole('listitem')).toHaveText([
    `march.txt (${MARCH.length} B, text/plain)`,
    `april.txt (${APRIL.length} B, text/plain)`,
  ]);
  await expect(field(page, 'Output schema').locator('pre code')).toHaveText(
    JSON.stringify(JSON.parse(SCHEMA), null, 2),
  );
  await expect(field(page, 'Instructions')).toHaveText(INSTRUCTIONS);
  await expect(tasks.status('Completed')).toBeVisible({ timeout: 20_000 });
  // A browser that sent the inputs never asks the API for them.
  expect(await simulator.requests({ path: `/api/v1/tasks/${taskId}/messages` })).toEqual([]);

  // A fresh browser, no localStorage: the query from the task's first message, read once.
  const fresh = await openFresh(browser, path);
  const other = runInputs(fresh.page);
  await expect(other).toContainText('From the API: the task’s first message');
  await expect(field(fresh.page, 'Query')).toHaveText('Extract both invoices');
  await expect(field(fresh.page, 'Instructions')).toHaveText('Not in what the API returned');
  // Once the trace is read, its file reads give the names and sizes.
  await fresh.page.getByRole('tab', { name: 'Trace' }).click();
  await expect(other).toContainText('the files the trace read');
  await expect(other.getByRole('list', { name: 'Files sent' }).getByRole('listitem')).toHaveText([
    `march.txt (${MARCH.length} B, text/plain)`,
    `april.txt (${APRIL.length} B, text/plain)`,
  ]);
  expect(await simulator.requests({ path: `/api/v1/tasks/${taskId}/messages` })).toHaveLength(1);
  await fresh.context.close();
});

test('time in status is the same in the browser that watched the task and in a fresh one', async ({
  page,
  newRun,
  tasks,
  browser,
}) => {
  test.setTimeout(75_000);
  // Two totals: the Invoice Extractor stops to ask which, so the task waits on a person.
  await newRun.open();
  await newRun.chooseAgent('Invoice', 'Invoice Extractor');
  await newRun.query.fill('Extract this invoice');
  await newRun.fileInput.setInputFiles({
    name: 'two-totals.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(TWO_TOTALS),
  });
  await newRun.run.click();
  await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
  const path = new URL(page.url()).pathname;

  // Watched live: while it waits, the wait is an estimate from its last change.
  await expect(tasks.status('Waiting for input')).toBeVisible({ timeout: 20_000 });
  await expect(timestampFigures(page)).toContainText(/Waiting on you ≈ \d/);
  // Answered in the Conversation: the task goes on to its end.
  await page.getByRole('tab', { name: 'Conversation' }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByRole('textbox', { name: 'Reply' }).fill('first');
  await panel.getByRole('button', { name: 'Send' }).click();
  await expect(tasks.status('Completed')).toBeVisible({ timeout: 20_000 });
  await expect(timestampFigures(page)).toHaveText(/^In all /);
  const watched = await timestampFigures(page).getByRole('listitem').allInnerTexts();

  // The same task in a browser that never watched it: the same figures.
  const fresh = await openFresh(browser, path);
  await expect(timestampFigures(fresh.page).getByRole('listitem')).toHaveText(watched);

  // The trace splits it the same way in both, waiting on you included.
  for (const each of [page, fresh.page]) {
    await each.getByRole('tab', { name: 'Trace' }).click();
    await expect(traceSplit(each)).toContainText('Waiting on you');
  }
  const split = await traceSplit(page).getByRole('listitem').allInnerTexts();
  expect(split.map((item) => item.replace(/\s+(≈\s*)?\d.*$/, ''))).toEqual([
    'Queued',
    'Working',
    'Waiting on you',
  ]);
  await expect(traceSplit(fresh.page).getByRole('listitem')).toHaveText(split);
  await expect(timestampFigures(fresh.page).getByRole('listitem')).toHaveText(watched);
  await fresh.context.close();
});
