/** The Summary and Trace tabs (production build, proxy, simulator at 20×): an invoice CSV's line
 *  items as a table with CSV/JSON downloads, trace search and filters, the 10,000-step trace with
 *  at most 200 step elements, inert hostile output, axe. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test as base } from './fixtures';
import type { NewRunPage } from './pages/new-run-page';
import { SummaryTab, TraceTab } from './pages/task-result';
import type { SimulatorHandle } from './simulator';

// `trace` is Playwright's own option (recording), hence `traceTab`.
const test = base.extend<{ summaryTab: SummaryTab; traceTab: TraceTab }>({
  summaryTab: async ({ page, simulator: _ }, use) => {
    await use(new SummaryTab(page));
  },
  traceTab: async ({ page, simulator: _ }, use) => {
    await use(new TraceTab(page));
  },
});

/** Step elements the virtualized list may hold at any time, whatever the trace's length. */
const MAX_STEP_ELEMENTS = 200;

const INVOICE_CSV = [
  'sku,description,quantity,unit_price,amount',
  'WEB-01,"Hosting, March",1,120.00,120.00',
  'DOM-02,Domain renewal,2,12.50,25.00',
  'SUP-03,Support hours,3,80.00,240.00',
  'Total,,,,385.00',
  '',
].join('\n');

/** The simple-form schema the run asks for: `invoice_number` is not in the file. */
const OUTPUT_SCHEMA = JSON.stringify({
  invoice_number: 'string',
  line_items: [
    {
      sku: 'string',
      description: 'string',
      quantity: 'number',
      unit_price: 'number',
      amount: 'number',
    },
  ],
  total: 'number',
});

async function startRun(
  newRun: NewRunPage,
  agent: { search: string; name: string },
  query: string,
  file: { name: string; mimeType: string; text: string },
  schema?: string,
): Promise<string> {
  await newRun.open();
  await newRun.chooseAgent(agent.search, agent.name);
  await newRun.query.fill(query);
  await newRun.fileInput.setInputFiles({
    name: file.name,
    mimeType: file.mimeType,
    buffer: Buffer.from(file.text),
  });
  await expect(newRun.fileRow(file.name)).toBeVisible();
  if (schema !== undefined) await newRun.outputSchema.fill(schema);
  await newRun.run.click();
  await newRun.page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
  return newRun.page.url().split('/').pop() ?? '';
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include('[role="tabpanel"]').analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

async function waitUntilDone(simulator: SimulatorHandle, taskId: string): Promise<void> {
  await expect
    .poll(async () => (await simulator.task(taskId)).status, { timeout: 30_000 })
    .toBe('completed');
}

test('an invoice CSV: its line items as a table, as CSV and JSON; its trace searched and filtered', async ({
  page,
  newRun,
  summaryTab,
  traceTab,
  simulator,
}) => {
  const taskId = await startRun(
    newRun,
    { search: 'invo', name: 'Invoice Extractor' },
    'Extract the March invoice',
    { name: 'march-invoice.csv', mimeType: 'text/csv', text: INVOICE_CSV },
    OUTPUT_SCHEMA,
  );
  // The server received the file and the schema the table below is checked against.
  const [run] = await simulator.requests({ path: '/api/v1/agents/', method: 'POST' });
  expect(JSON.stringify(run)).toContain('march-invoice.csv');

  await expect(page.getByText('Completed', { exact: true }).first()).toBeVisible({
    timeout: 20_000,
  });
  await expect(summaryTab.answer).toContainText('march-invoice.csv');
  // The answer and its extracted data came from /summary alone: the trace is read only when
  // its tab opens.
  const reads = async (suffix: string) =>
    (await simulator.requests({ path: `/api/v1/tasks/${taskId}${suffix}` })).length;
  expect(await reads('/result')).toBe(0);
  const items = summaryTab.table('line_items');
  await expect(items.getByRole('row')).toHaveCount(4);
  await expect(items.getByRole('columnheader')).toHaveText([
    'sku',
    'description',
    'quantity',
    'unit_price',
    'amount',
  ]);
  await expect(items.getByRole('row').nth(1).getByRole('cell')).toHaveText([
    'WEB-01',
    'Hosting, March',
    '1',
    '120',
    '120',
  ]);
  await expect(items.getByRole('row').nth(3).getByRole('cell')).toHaveText([
    'SUP-03',
    'Support hours',
    '3',
    '80',
    '240',
  ]);
  await expect(summaryTab.extracted).toContainText('385');
  // The schema asked for an invoice number the file does not have: it comes back null, an
  // optional field left empty, which is no schema issue.
  await expect(summaryTab.extracted).toContainText('Matches the output schema');

  const csv = await summaryTab.download(summaryTab.downloadCsv);
  expect(csv.name).toMatch(/^task-extract-the-march-invoice-[0-9a-f]{8}-line_items\.csv$/);
  expect(csv.text.split('\r\n')).toEqual([
    'sku,description,quantity,unit_price,amount',
    'WEB-01,"Hosting, March",1,120,120',
    'DOM-02,Domain renewal,2,12.5,25',
    'SUP-03,Support hours,3,80,240',
    '',
  ]);
  const json = await summaryTab.download(summaryTab.downloadJson);
  expect(JSON.parse(json.text)).toMatchObject({
    total: 385,
    line_items: [{ sku: 'WEB-01' }, { sku: 'DOM-02' }, { sku: 'SUP-03' }],
  });
  await expectNoSeriousViolations(page);

  // The trace: a tool found by its name, messages hidden by the Step types filter.
  await traceTab.tab.click();
  await expect(traceTab.items.first()).toBeVisible();
  expect(await reads('/result')).toBe(1);
  const total = await traceTab.items.count();
  await traceTab.search.fill('extract_fields');
  await expect(traceTab.matchCount).toHaveText('1 of 1 match');
  const found = traceTab.items.filter({ hasText: 'extract_fields' });
  await expect(found).toBeVisible();
  await expect(found.locator('mark').first()).toHaveText('extract_fields');

  const messages = traceTab.stepTypes.getByRole('checkbox', { name: /^Message/ });
  await messages.uncheck();
  await expect(traceTab.items.filter({ hasText: /^#\d+Message/ })).toHaveCount(0);
  await expect(traceTab.items.filter({ hasText: 'read_file' })).toBeVisible();
  expect(await traceTab.items.count()).toBeLessThan(total);
  await messages.check();
  await expect(traceTab.items).toHaveCount(total);

  // Expand a step: its arguments show as a tree.
  const step = traceTab.items.filter({ hasText: 'read_file' });
  await step.getByRole('button', { name: 'Expand' }).click();
  await expect(step.getByRole('button', { name: 'Collapse' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await expect(step.getByRole('region', { name: /^Arguments of step/ })).toContainText(
    'march-invoice.csv',
  );

  // Copy as Markdown: every step, in order, within the budget; Copy link: the step's deep link.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByText(/Copied the trace as Markdown/)).toBeVisible();
  const markdown = await clipboard();
  expect(markdown).toMatch(/^# Trace of "Extract the March invoice"/);
  expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(50_000);
  expect(markdown.indexOf('`read_file`')).toBeLessThan(markdown.indexOf('`extract_fields`'));
  expect(markdown).toContain(`${total}. Task complete`);
  await step.getByRole('button', { name: 'Copy link' }).click();
  const link = await clipboard();
  const number = Number(/^#(\d+)/.exec((await step.textContent()) ?? '')?.[1]);
  expect(link).toBe(`${new URL(page.url()).origin}/tasks/${taskId}?tab=trace#step-${number}`);

  const download = await summaryTab.download(traceTab.downloadTrace);
  expect(download.name).toMatch(/^task-extract-the-march-invoice-[0-9a-f]{8}\.json$/);
  expect((JSON.parse(download.text) as { feed: unknown[] }).feed).toHaveLength(total);
  await expectNoSeriousViolations(page);

  // The copied link opens the trace on that step, highlighted.
  await page.goto(link);
  await expect(traceTab.step(number)).toHaveAttribute('aria-current', 'true');
});

test('the 10,000-step trace opens, jumps to its end and searches, with ≤ 200 step elements', async ({
  page,
  traceTab,
  simulator,
}) => {
  // Fetching and reading a 3 MB feed through the proxy several times takes a while on CI.
  test.setTimeout(60_000);
  const taskId = await simulator.run('long-trace', 'Research heat pumps');
  await waitUntilDone(simulator, taskId);
  const feed = (await (await simulator.api(`/tasks/${taskId}/result`)).json()) as {
    feed: unknown[];
  };
  const count = feed.feed.length;
  expect(count).toBeGreaterThan(10_000);

  await traceTab.open(taskId);
  await expect(page.getByText(`${count.toLocaleString('en-US')} steps`)).toBeVisible();
  await expect(traceTab.step(1)).toBeVisible();
  expect(await traceTab.renderedSteps()).toBeLessThanOrEqual(MAX_STEP_ELEMENTS);

  await traceTab.lastStep.click();
  await expect(traceTab.step(count)).toBeVisible();
  await expect(traceTab.step(count)).toContainText('Task complete');
  await expect(traceTab.step(count)).toHaveAttribute('aria-current', 'true');
  expect(await traceTab.renderedSteps()).toBeLessThanOrEqual(MAX_STEP_ELEMENTS);

  // A note from the middle of the run, found by a value in its output.
  await traceTab.search.fill('note-1234"');
  await traceTab.search.press('Enter');
  await expect(traceTab.matchCount).toHaveText('1 of 1 match');
  const match = traceTab.items.filter({ hasText: 'note-1234' });
  await expect(match).toBeVisible();
  await expect(match).toContainText('note');
  expect(await traceTab.renderedSteps()).toBeLessThanOrEqual(MAX_STEP_ELEMENTS);

  // Keyboard: from the selected step, j and k move between steps.
  await traceTab.search.fill('');
  await traceTab.step(count).focus();
  await page.keyboard.press('k');
  await expect(traceTab.step(count - 1)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(traceTab.step(1)).toBeFocused();

  // A deep link lands on its step, highlighted, as a copied link would.
  await traceTab.open(taskId, '#step-5000');
  await expect(traceTab.step(5000)).toBeVisible();
  await expect(traceTab.step(5000)).toHaveAttribute('aria-current', 'true');
  expect(await traceTab.renderedSteps()).toBeLessThanOrEqual(MAX_STEP_ELEMENTS);
  await expectNoSeriousViolations(page);
});

test('agent output carrying HTML, a javascript: link and a tagged file name stays inert', async ({
  page,
  newRun,
  summaryTab,
  traceTab,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const hostile = [
    'Notes <img src=x onerror="window.__pwned=1;alert(1)"> here.',
    'See [the report](javascript:window.__pwned=2) or [the docs](https://example.org/docs).',
    'Revenue grew 12% to EUR 1.2 million.',
  ].join('\n');
  await startRun(newRun, { search: 'summ', name: 'Document Summarizer' }, 'Summarize the notes', {
    name: '<b>x</b>.txt',
    mimeType: 'text/plain',
    text: hostile,
  });
  await expect(summaryTab.answer).toBeVisible({ timeout: 20_000 });

  // The file name and the tag are text, not markup.
  await expect(summaryTab.answer).toContainText('<b>x</b>.txt');
  await expect(summaryTab.answer).toContainText('<img src=x onerror=');
  await expect(summaryTab.answer.locator('img, b, script')).toHaveCount(0);
  // The javascript: link is only its words; the https one opens safely in a new tab.
  await expect(summaryTab.answer.getByRole('link', { name: 'the report' })).toHaveCount(0);
  await expect(summaryTab.answer.getByText('the report')).toBeVisible();
  const docs = summaryTab.answer.getByRole('link', { name: 'the docs' });
  await expect(docs).toHaveAttribute('href', 'https://example.org/docs');
  await expect(docs).toHaveAttribute('target', '_blank');
  await expect(docs).toHaveAttribute('rel', 'noopener noreferrer');
  await summaryTab.answer.getByText('the report').click();

  // The same text in the trace is text too, and searchable.
  await traceTab.tab.click();
  await traceTab.search.fill('onerror');
  await expect(traceTab.matchCount).toHaveText(/of \d+ match/);
  await expect(traceTab.steps.locator('img, b, script')).toHaveCount(0);
  await expect(traceTab.steps).toContainText('<b>x</b>.txt');

  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
    undefined,
  );
  expect(new URL(page.url()).pathname).toMatch(/^\/tasks\//);
});
