/** Hidden characters from outside (a right-to-left override, a zero-width space, 600 combining
 *  marks) in extracted data, messages, titles and agent names show marked, never raw, and nothing
 *  widens the page; `page.route` plays an upstream for what the simulator will not send. */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ConversationTab } from './pages/conversation';
import { SummaryTab, TraceTab } from './pages/task-result';

test.use({ viewport: { width: 1280, height: 800 } });

const RLO = '\u202E';
const ZWSP = '\u200B';
/** Mixed marks, as "Zalgo" text uses: those a font cannot stack take width (over 1,800 px). */
const MARKS = Array.from({ length: 600 }, (_, i) => String.fromCodePoint(0x300 + (i % 0x70)));
const TOWER = `Z${MARKS.join('')}`;
/** How the tower shows: four marks kept on the Z, the rest counted. */
const TOWER_SHOWN = `Z${MARKS.slice(0, 4).join('')}+596 marks`;
const TOWER_TEXT = `Z${MARKS.slice(0, 4).join('')}[+596 marks]`;
/** A hidden character left raw, or more than four marks in a row. */
const RAW = /[\u202E\u200B]|\p{M}{5}/u;

/** A long unbroken run must wrap, too. */
const QUERY = `Pay invoice${RLO}fdp.exe to pay${ZWSP}pal ${TOWER} ${'W'.repeat(400)}`;
const REPLY = `second${ZWSP} ${RLO}lanif ${TOWER}`;
const AGENT = `Invoice${ZWSP}Extractor ${TOWER}`;
const SCHEMA = JSON.stringify({
  vendor: 'string',
  customer: 'string',
  payment_terms: 'string',
  total: 'number',
  [`iban${RLO}`]: 'string',
});
const DOCUMENT = [
  'INVOICE',
  `Vendor: ${TOWER}`,
  `Bill to: invoice${RLO}fdp.exe pay${ZWSP}pal`,
  `Payment terms: ${RLO}00.0051`,
  'Total: EUR 505.51',
  'Grand total: EUR 520.00',
  '',
].join('\n');

/** Plays a hostile upstream: the whole query as the task's title, hidden characters in the
 *  Invoice Extractor's name. Everything else passes as the simulator sent it. */
async function rewriteUpstream(page: Page): Promise<void> {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value).map(([key, field]) => {
      if ((key === 'name' || key === 'agent_name') && field === 'Invoice Extractor')
        return [key, AGENT];
      if (key === 'title' && typeof field === 'string' && field.startsWith('Pay invoice'))
        return [key, QUERY];
      return [key, rewrite(field)];
    });
    return Object.fromEntries(entries);
  };
  await page.route(/\/api\/v1\/(agents|tasks)/, async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const response = await route.fetch();
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      return route.fulfill({ response });
    }
    await route.fulfill({ response, json: rewrite(json) });
  });
}

/** `scope` shows every label, and none of the hidden characters raw. */
async function expectMarked(scope: Locator, labels: string[]): Promise<void> {
  for (const label of labels) await expect(scope).toContainText(label);
  expect(await scope.textContent()).not.toMatch(RAW);
}

async function expectNoOverflow(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
}

test('hidden characters and towers of marks show marked everywhere, and the page keeps its width', async ({
  page,
  newRun,
  tasks,
  simulator,
}) => {
  test.setTimeout(90_000);
  await simulator.quirks({ hostile_agent: true });
  await rewriteUpstream(page);
  const conversation = new ConversationTab(page);
  const summary = new SummaryTab(page);
  const trace = new TraceTab(page);

  // New run: the agent's name in the picker, and the run started with hostile text and file.
  await newRun.open();
  await newRun.agent.fill('Invoice');
  const invoiceAgent = newRun.option(/Invoice/);
  await expectMarked(invoiceAgent, ['U+200B', TOWER_SHOWN]);
  await expectNoOverflow(page);
  await invoiceAgent.click();
  await newRun.query.fill(QUERY);
  await newRun.outputSchema.fill(SCHEMA);
  await newRun.fileInput.setInputFiles({
    name: 'invoice.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(DOCUMENT),
  });
  await newRun.run.click();
  await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);

  // The task page: its heading and the browser tab's title.
  await expectMarked(tasks.heading, ['Pay invoiceU+202Efdp.exe to payU+200Bpal', TOWER_SHOWN]);
  await expect
    .poll(() => page.title())
    .toContain(`Pay invoice[U+202E]fdp.exe to pay[U+200B]pal ${TOWER_TEXT}`);
  expect(await page.title()).not.toMatch(RAW);
  await expectNoOverflow(page);

  // Conversation: the person's query and reply.
  await conversation.tab.click();
  await expect(conversation.question).toBeVisible({ timeout: 20_000 });
  await expectMarked(conversation.log.getByRole('listitem').first(), [
    'Pay invoiceU+202Efdp.exe to payU+200Bpal',
    TOWER_SHOWN,
  ]);
  await conversation.sendReply(REPLY);
  await expect(tasks.status('Completed')).toBeVisible({ timeout: 20_000 });
  await expectMarked(conversation.log.getByRole('listitem').filter({ hasText: /^You/ }).first(), [
    'secondU+200B U+202Elanif',
    TOWER_SHOWN,
  ]);
  expect(await conversation.log.textContent()).not.toMatch(RAW);
  await expectNoOverflow(page);

  // Summary: the extracted data's keys and values.
  await summary.tab.click();
  await expectMarked(summary.extracted, [
    'U+202E00.0051',
    'invoiceU+202Efdp.exe payU+200Bpal',
    TOWER_SHOWN,
    'ibanU+202E',
  ]);
  await expectNoOverflow(page);

  // Trace: on screen, and as Copy as Markdown pastes it.
  await trace.tab.click();
  await expect(trace.items.first()).toBeVisible({ timeout: 15_000 });
  expect(await trace.steps.textContent()).not.toMatch(RAW);
  await expectNoOverflow(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByText(/Copied the trace as Markdown/)).toBeVisible();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).not.toMatch(RAW);
  expect(markdown).toContain('Pay invoice[U+202E]fdp.exe to pay[U+200B]pal');
  expect(markdown).toContain(TOWER_TEXT);

  // The task list: the row, and every agent name in Filter by agent.
  await tasks.open('/tasks');
  await expectMarked(tasks.row(/Pay invoice/), [
    'Pay invoiceU+202Efdp.exe to payU+200Bpal',
    TOWER_SHOWN,
  ]);
  const options = tasks.agentFilter.getByRole('option');
  await expect(options.filter({ hasText: `Invoice[U+200B]Extractor ${TOWER_TEXT}` })).toHaveCount(
    1,
  );
  await expect(options.filter({ hasText: '[U+202E]' })).not.toHaveCount(0);
  expect(await tasks.agentFilter.textContent()).not.toMatch(RAW);
  await expectNoOverflow(page);
});
