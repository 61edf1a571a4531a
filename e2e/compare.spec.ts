/** Compare two tasks (issue 17): two invoices whose totals differ, one still waiting for its
 *  answer when the page opens, compared field by field as it finishes; reached from the list's two
 *  selected rows, and from `Run on another version` once the new run has finished. */
import { expect, test } from './fixtures';
import { TWO_TOTALS } from './documents';
import { ComparePage } from './pages/compare-page';

/** An invoice with one total, numbered like `TWO_TOTALS`, so only the total differs. */
const invoice = (total: string) =>
  `ACME Supplies GmbH\nINVOICE\nInvoice Number: INV-2026-0077\nTotal: EUR ${total}\n`;

const textFile = (name: string, text: string) => ({
  name,
  mimeType: 'text/plain',
  buffer: Buffer.from(text),
});

test('two invoices whose totals differ, one finishing while the page is open', async ({
  page,
  simulator,
}) => {
  test.setTimeout(60_000);
  const march = await simulator.runWithFile(
    'invoice',
    'Extract this invoice',
    textFile('march.txt', invoice('505.51')),
  );
  // Two totals: the Invoice Extractor asks which, so this one is still live when the page opens.
  const april = await simulator.runWithFile(
    'invoice',
    'Extract this invoice',
    textFile('april.txt', TWO_TOTALS),
  );
  await expect.poll(async () => (await simulator.task(march)).status).toBe('completed');
  await expect.poll(async () => (await simulator.task(april)).status).toBe('waiting_for_input');

  const compare = new ComparePage(page);
  await compare.open(march, april);
  await expect(compare.left.getByText('Completed')).toBeVisible();
  await expect(compare.right.getByText('Waiting for input')).toBeVisible();
  await expect(compare.left).toContainText('Extract this invoice');
  await expect(compare.left).toContainText('march.txt');
  await expect(page.getByText('The right task is still running')).toBeVisible();
  await expect(compare.differences).toHaveCount(0);

  // Answered elsewhere (the API directly): the page follows without a reload.
  const reply = await simulator.api(`/tasks/${april}/message`, {
    method: 'POST',
    data: { message: 'second' },
  });
  expect(reply.status()).toBe(202);
  await expect(compare.right.getByText('Completed')).toBeVisible({ timeout: 20_000 });
  await expect(compare.differences).toBeVisible();

  expect(await compare.cells('total')).toEqual([
    'total',
    '505.51',
    '520',
    'changed +14.49 (+2.87%)',
  ]);
  expect(await compare.cells('invoice_number')).toEqual([
    'invoice_number',
    'INV-2026-0077',
    'INV-2026-0077',
    'equal',
  ]);
  await expect(compare.counts).toContainText('1 changed');

  await compare.onlyDifferences.check();
  await expect(compare.row('invoice_number')).toHaveCount(0);
  await expect(compare.row('total')).toBeVisible();
  const changes = await compare.differences
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .evaluateAll((rows) => rows.map((row) => row.lastElementChild?.textContent ?? ''));
  expect(changes.length).toBeGreaterThan(0);
  expect(changes.filter((change) => change.startsWith('equal'))).toEqual([]);

  // The data came from the answers the API gave, once each task had finished.
  const summaries = await simulator.requests({ path: `/api/v1/tasks/${april}/summary` });
  expect(summaries.at(-1)?.status).toBe(200);
});

test('select two rows of the list and compare them', async ({ page, simulator, tasks }) => {
  test.setTimeout(60_000);
  const first = await simulator.runWithFile(
    'invoice',
    'Extract the March invoice',
    textFile('march.txt', invoice('100.00')),
  );
  const second = await simulator.runWithFile(
    'invoice',
    'Extract the April invoice',
    textFile('april.txt', invoice('250.00')),
  );
  await expect.poll(async () => (await simulator.task(second)).status).toBe('completed');

  await tasks.open('/tasks');
  await tasks.rowCheckbox('Extract the March invoice').check();
  await expect(tasks.bulkBar.getByRole('button', { name: 'Compare', exact: true })).toHaveCount(0);
  await tasks.rowCheckbox('Extract the April invoice').check();
  await tasks.bulkBar.getByRole('button', { name: 'Compare', exact: true }).click();

  // The older task on the left.
  await expect(page).toHaveURL(`/compare?a=${first}&b=${second}`);
  const compare = new ComparePage(page);
  await expect(compare.left).toContainText('Extract the March invoice');
  expect(await compare.cells('total')).toEqual(['total', '100', '250', 'changed +150 (+150%)']);
});

test('run on another version, then compare the new run with the original', async ({
  page,
  newRun,
  tasks,
}) => {
  test.setTimeout(60_000);
  const original = await newRun.start('Invoice', 'Invoice Extractor', 'Extract the invoice', {
    name: 'march.txt',
    text: invoice('505.51'),
  });
  await expect(tasks.status('Completed')).toBeVisible({ timeout: 20_000 });

  await page.getByRole('link', { name: 'Run on another version' }).click();
  await expect(newRun.heading).toBeVisible();
  // The version picker has focus, on the version the original ran on; the inputs are filled in.
  const version = page.getByRole('group', { name: 'Version' }).getByRole('radio', { name: /v1/ });
  await expect(version).toBeFocused();
  await expect(version).toBeChecked();
  await expect(newRun.query).toHaveValue('Extract the invoice');
  await expect(page.getByText('Add the files again')).toBeVisible();
  await newRun.fileInput.setInputFiles(textFile('march-corrected.txt', invoice('520.00')));
  await newRun.run.click();
  await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
  const rerun = page.url().split('/').pop() ?? '';
  expect(rerun).not.toBe(original);

  const link = page.getByRole('link', { name: 'Compare with the original' });
  await expect(link).toBeVisible({ timeout: 20_000 });
  await link.click();
  await expect(page).toHaveURL(`/compare?a=${original}&b=${rerun}`);
  const compare = new ComparePage(page);
  expect(await compare.cells('total')).toEqual([
    'total',
    '505.51',
    '520',
    'changed +14.49 (+2.87%)',
  ]);

  // The original's page offers the same comparison.
  await compare.left.getByRole('link').first().click();
  await expect(page).toHaveURL(`/tasks/${original}`);
  await expect(
    page.getByRole('link', { name: 'Compare with the run on another version' }),
  ).toHaveAttribute('href', `/compare?a=${original}&b=${rerun}`);
});
