/** The batch page: three CSV files started as one task each reach their ends live, the
 *  extracted data downloads as one table with a `file` column, a failed file is retried with its
 *  earlier task kept, and `Cancel remaining` stops what is still running after a confirmation. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { TWO_TOTALS } from './documents';
import { expect, test } from './fixtures';
import { BatchPage } from './pages/batch-page';
import type { NewRunPage } from './pages/new-run-page';

/** Serious and critical axe violations of the page as it is now, one line each. */
async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} at ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

function invoiceCsv(prefix: string, amount: number): string {
  return [
    'sku,description,quantity,unit_price,amount',
    `${prefix}-01,"Hosting, ${prefix}",1,${amount}.00,${amount}.00`,
    `${prefix}-02,Support,2,10.00,20.00`,
    `Total,,,,${amount + 20}.00`,
    '',
  ].join('\n');
}

const SCHEMA = JSON.stringify({
  line_items: [{ sku: 'string', description: 'string', amount: 'number' }],
  total: 'number',
});

/** New run with `files`, one task per file: lands on the batch's page. */
async function startBatch(
  newRun: NewRunPage,
  agent: { search: string; name: string },
  query: string,
  files: { name: string; text: string }[],
  schema?: string,
): Promise<BatchPage> {
  await newRun.open();
  await newRun.chooseAgent(agent.search, agent.name);
  await newRun.query.fill(query);
  await newRun.fileInput.setInputFiles(
    files.map((file) => ({
      name: file.name,
      mimeType: file.name.endsWith('.txt') ? 'text/plain' : 'text/csv',
      buffer: Buffer.from(file.text),
    })),
  );
  if (schema) await newRun.outputSchema.fill(schema);
  const perFile = newRun.page.getByRole('switch', { name: 'One task per file' });
  await perFile.check();
  await newRun.run.click();
  const batch = new BatchPage(newRun.page);
  await batch.landed();
  return batch;
}

test('three CSV files become three tasks whose rows reach their ends live; the data downloads as one table', async ({
  newRun,
  simulator,
}) => {
  // Three tasks to their ends, two downloads and two axe scans.
  test.setTimeout(90_000);
  const files = [
    { name: 'alpha.csv', text: invoiceCsv('ALP', 100) },
    { name: 'bravo.csv', text: invoiceCsv('BRA', 200) },
    { name: 'charlie.csv', text: invoiceCsv('CHA', 300) },
  ];
  const batch = await startBatch(
    newRun,
    { search: 'invo', name: 'Invoice Extractor' },
    'Extract the invoice',
    files,
    SCHEMA,
  );
  await expect(batch.rows).toHaveCount(3);
  for (const file of files) {
    await expect(batch.row(file.name).getByText('Completed', { exact: true })).toBeVisible({
      timeout: 30_000,
    });
  }
  await expect(batch.progress).toHaveAttribute('aria-valuenow', '3');
  await expect(batch.progress).toHaveAttribute('aria-valuemax', '3');
  await expect(batch.page.getByText('3 of 3 finished')).toBeVisible();
  expect(await axeProblems(batch.page)).toEqual([]);

  // The simulator holds exactly three tasks, each with its one file.
  const runs = await simulator.requests({ path: '/api/v1/agents/', method: 'POST' });
  expect(runs).toHaveLength(3);
  const sent = runs.map((run) =>
    (run.parts ?? []).filter((part) => part.filename).map((p) => p.filename),
  );
  expect(sent.sort()).toEqual([['alpha.csv'], ['bravo.csv'], ['charlie.csv']]);
  expect(await simulator.heldTasks()).toHaveLength(3);

  // The rows followed the tasks through the shared live refresh, not a poller per task.
  const ids = await Promise.all(files.map((file) => batch.currentTaskId(file.name)));
  for (const taskId of ids) {
    const stateReads = await simulator.requests({ path: `/api/v1/tasks/${taskId}`, method: 'GET' });
    expect(
      stateReads.filter((read) => read.path === `/api/v1/tasks/${taskId}`).length,
    ).toBeLessThanOrEqual(2);
  }

  await expect(batch.row('alpha.csv')).toContainText('ALP-01');
  const csv = await batch.download(batch.downloadCsv);
  expect(csv.name).toMatch(/\.csv$/);
  const lines = csv.text.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'file,task_id,total,line_items.sku,line_items.description,line_items.amount',
  );
  expect(lines.slice(1).sort()).toEqual(
    [
      `alpha.csv,${ids[0]},120,ALP-01,"Hosting, ALP",100`,
      `alpha.csv,${ids[0]},120,ALP-02,Support,20`,
      `bravo.csv,${ids[1]},220,BRA-01,"Hosting, BRA",200`,
      `bravo.csv,${ids[1]},220,BRA-02,Support,20`,
      `charlie.csv,${ids[2]},320,CHA-01,"Hosting, CHA",300`,
      `charlie.csv,${ids[2]},320,CHA-02,Support,20`,
    ].sort(),
  );
  const json = JSON.parse((await batch.download(batch.downloadJson)).text) as { file: string }[];
  expect(json.map((entry) => entry.file).sort()).toEqual(['alpha.csv', 'bravo.csv', 'charlie.csv']);

  // Remembered in this browser: listed under Batches, and back again from there.
  const page = batch.page;
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Batches' })
    .click();
  const listed = page.getByRole('list', { name: 'Batches' }).getByRole('listitem');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('3 files');
  await expect(listed).toContainText('3 of 3 finished');
  expect(await axeProblems(page)).toEqual([]);
  await listed.getByRole('link', { name: /Invoice Extractor/ }).click();
  await expect(batch.progress).toHaveAttribute('aria-valuenow', '3');
});

test('Needs you counts the batch tasks waiting for an answer and links to each', async ({
  newRun,
}) => {
  const batch = await startBatch(
    newRun,
    { search: 'invo', name: 'Invoice Extractor' },
    'Extract the invoice',
    [
      { name: 'first.txt', text: TWO_TOTALS },
      { name: 'second.txt', text: TWO_TOTALS },
    ],
  );
  const needsYou = batch.page.getByRole('group', { name: /Needs you/ });
  await expect(needsYou).toContainText('Needs you: 2', { timeout: 30_000 });
  for (const name of ['first.txt', 'second.txt']) {
    await expect(batch.row(name).getByText('Waiting for input', { exact: true })).toBeVisible();
    const taskId = await batch.currentTaskId(name);
    await expect(needsYou.getByRole('link', { name })).toHaveAttribute('href', `/tasks/${taskId}`);
  }
  await needsYou.getByRole('link', { name: 'first.txt' }).click();
  await expect(batch.page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
});

test('a failed file is retried with Retry failed: its row shows the new task, the earlier one stays linked', async ({
  newRun,
  simulator,
}) => {
  const batch = await startBatch(
    newRun,
    { search: 'ledger', name: 'Ledger Sync' },
    'Sync the ledger for ACME-001',
    [
      { name: 'ledger-a.csv', text: 'a,b\n1,2\n' },
      { name: 'ledger-b.csv', text: 'a,b\n3,4\n' },
    ],
  );
  for (const name of ['ledger-a.csv', 'ledger-b.csv']) {
    await expect(batch.row(name).getByText('Failed', { exact: true })).toBeVisible({
      timeout: 30_000,
    });
  }
  const first = await batch.currentTaskId('ledger-a.csv');
  await batch.retryFailed.click();
  await expect(batch.row('ledger-a.csv')).toContainText('earlier:');
  await expect.poll(() => batch.currentTaskId('ledger-a.csv'), { timeout: 20_000 }).not.toBe(first);
  const earlier = batch
    .row('ledger-a.csv')
    .getByRole('link', { name: `Task ${first.slice(0, 8)}` });
  await expect(earlier).toHaveAttribute('href', `/tasks/${first}`);
  // Two new tasks, one per failed file, with the same inputs.
  await expect.poll(async () => (await simulator.heldTasks()).length).toBe(4);
  const runs = await simulator.requests({ path: '/api/v1/agents/', method: 'POST' });
  const names = runs.map((run) => (run.parts ?? []).find((part) => part.filename)?.filename);
  expect(names.sort()).toEqual(['ledger-a.csv', 'ledger-a.csv', 'ledger-b.csv', 'ledger-b.csv']);
});

test('Cancel remaining asks first, then stops every live task of the batch', async ({
  newRun,
  simulator,
}) => {
  const batch = await startBatch(
    newRun,
    { search: 'research', name: 'Deep Researcher' },
    'Research these',
    [
      { name: 'topic-1.csv', text: 'q\nsolar\n' },
      { name: 'topic-2.csv', text: 'q\nwind\n' },
    ],
  );
  for (const name of ['topic-1.csv', 'topic-2.csv']) {
    await expect(batch.row(name).getByRole('link')).toBeVisible({ timeout: 20_000 });
  }
  await batch.cancelRemaining.click();
  const dialog = batch.page.getByRole('dialog', { name: 'Cancel what is left of this batch?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep them running' }).click();
  await expect(dialog).toBeHidden();
  expect(await simulator.requests({ path: '/api/v1/tasks/', method: 'POST' })).toHaveLength(0);

  await batch.cancelRemaining.click();
  await dialog.getByRole('button', { name: 'Cancel remaining' }).click();
  for (const name of ['topic-1.csv', 'topic-2.csv']) {
    await expect(batch.row(name).getByText('Stopped', { exact: true })).toBeVisible();
  }
  await expect(batch.page.getByText('2 of 2 finished')).toBeVisible();
  const held = await simulator.heldTasks();
  expect(held.map((task) => task.status)).toEqual(['stopped', 'stopped']);
});

test('a batch opened in a fresh page finds its tasks in one read; a task the API does not know says so', async ({
  page,
  simulator,
}) => {
  const known = await simulator.runWithFile('invoice', 'Extract the invoice', {
    name: 'kept.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(invoiceCsv('KEP', 50)),
  });
  const unknown = '00000000-0000-4000-8000-00000000dead';
  const batch = new BatchPage(page);
  await page.goto('/batches');
  await expect(page.getByRole('heading', { level: 1, name: 'Batches' })).toBeVisible();
  await batch.store({
    id: '11111111-2222-4333-8444-555555555555',
    agentId: await simulator.agentId('invoice'),
    agentName: 'Invoice Extractor',
    createdAt: Date.now() - 60_000,
    files: [
      { name: 'kept.csv', taskId: known },
      { name: 'elsewhere.csv', taskId: unknown },
    ],
  });
  await page.goto('/batches/11111111-2222-4333-8444-555555555555');
  await expect(batch.row('elsewhere.csv')).toContainText('Not found');
  await expect(batch.row('kept.csv').getByText('Completed', { exact: true })).toBeVisible({
    timeout: 30_000,
  });
  await expect(batch.row('kept.csv')).toContainText('KEP-01');
  await expect(batch.page.getByText('2 of 2 finished')).toBeVisible();

  // The list walk found the known task; the unknown one was asked about once, and never again.
  const reads = async (taskId: string) =>
    (await simulator.requests({ path: `/api/v1/tasks/${taskId}`, method: 'GET' })).filter(
      (read) => read.path === `/api/v1/tasks/${taskId}`,
    ).length;
  expect(await reads(unknown)).toBe(1);
  expect(await reads(known)).toBeLessThanOrEqual(1);
});
