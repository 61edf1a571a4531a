/** The Summary tab (issue 15): a stopped task says so rather than passing off its last message as
 *  the answer, and an extraction from several files names each row's file, here and in a browser
 *  that did not send them, with a scroll hint where the table is wider than a phone. */
import { expect, test } from './fixtures';
import { SummaryTab } from './pages/task-result';
import { TWO_TOTALS } from './documents';

const invoice = (number: string, total: string) =>
  `ACME Supplies GmbH\nINVOICE\nInvoice Number: ${number}\nInvoice Date: 2026-03-01\nTotal: EUR ${total}\n`;

/** `HH:MM:SS` in local time, as the page shows it (the browser runs in this machine's zone). */
function clock(iso: string): string {
  const date = new Date(iso);
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
}

test('a stopped task says so', async ({ page, simulator, tasks }) => {
  // Two totals: the Invoice Extractor stops to ask which, so the task is caught mid-way for sure.
  const taskId = await simulator.runWithFile('invoice', 'Extract this invoice', {
    name: 'two-totals.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(TWO_TOTALS),
  });
  await expect.poll(async () => (await simulator.task(taskId)).status).toBe('waiting_for_input');

  await tasks.open(`/tasks/${taskId}`);
  const summary = new SummaryTab(page);
  await expect(summary.answer).toContainText('Which one is the invoice total?');
  await tasks.cancelTask.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel task' }).click();
  await expect(tasks.status('Stopped')).toBeVisible();

  const stopped = (await (await simulator.api(`/tasks/${taskId}`)).json()) as {
    status: string;
    updated_at: string;
  };
  expect(stopped.status).toBe('stopped');
  await expect(summary.answer.getByText('Not final')).toBeVisible();
  await expect(summary.answer).toContainText(`Stopped at ${clock(stopped.updated_at)}`);
  await expect(summary.answer).toContainText('not an answer');
});

test('an extraction from several files names the file of each row', async ({
  page,
  newRun,
  browser,
}) => {
  // One run read to its end in two browsers, one of them fresh: more than the default 30 s.
  test.setTimeout(75_000);
  await newRun.open();
  await newRun.chooseAgent('Invoice', 'Invoice Extractor');
  await newRun.query.fill('Extract both invoices');
  await newRun.fileInput.setInputFiles([
    { name: 'march.txt', mimeType: 'text/plain', buffer: Buffer.from(invoice('INV-3', '100.00')) },
    { name: 'april.txt', mimeType: 'text/plain', buffer: Buffer.from(invoice('INV-4', '250.00')) },
  ]);
  await newRun.run.click();
  await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
  const path = new URL(page.url()).pathname;

  const summary = new SummaryTab(page);
  const table = page.getByRole('table', { name: 'Extracted data' });
  const fileCells = async () =>
    table
      .getByRole('row')
      .filter({ has: page.getByRole('cell') })
      .evaluateAll((rows) => rows.map((row) => row.querySelector('td')?.textContent ?? ''));
  await expect(table.getByRole('columnheader').first()).toHaveText('File', { timeout: 20_000 });
  expect(await fileCells()).toEqual(['march.txt', 'april.txt']);
  await expect(table.getByRole('row').nth(1)).toContainText('INV-3');
  await expect(summary.answer.getByText('Not final')).toHaveCount(0);

  // On a phone the table scrolls sideways, and says so.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByText(/scroll sideways to see every column/)).toBeVisible();

  // A browser that did not send the files learns their names from the trace.
  const fresh = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const other = await fresh.newPage();
  await other.goto(path);
  const otherTable = other.getByRole('table', { name: 'Extracted data' });
  await expect(otherTable.getByRole('columnheader').first()).toHaveText('File', {
    timeout: 20_000,
  });
  await expect(otherTable.getByRole('row').nth(1)).toContainText('march.txt');
  await expect(otherTable.getByRole('row').nth(2)).toContainText('april.txt');
  await fresh.close();
});
