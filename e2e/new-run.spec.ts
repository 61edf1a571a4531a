import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from './fixtures';
import type { LoggedRequest } from './simulator';

const INVOICE = `ACME Supplies GmbH
INVOICE
Invoice Number: INV-2026-0042
Invoice Date: 14 March 2026

SKU      Description              Qty   Unit Price   Amount
PP-100   Printer paper A4 (box)   10    24.50        245.00
TC-220   Toner cartridge XL       2     89.90        179.80

Subtotal: 424.80
VAT (19%): 80.71
Total: EUR 505.51
`;

const SCHEMA = '{"invoice_number": "string", "total": "number"}';

function runRequests(requests: LoggedRequest[]): LoggedRequest[] {
  return requests.filter((request) => request.method === 'POST' && request.path.endsWith('/run'));
}

test('pick an agent, drop files, fix the schema and run: exactly one task with exactly the good file', async ({
  page,
  newRun,
  simulator,
}) => {
  await newRun.open();
  await newRun.chooseAgent('invo', 'Invoice Extractor');
  await newRun.query.fill('Extract the invoice number and the total.');

  await newRun.dropFiles([
    { name: 'scan.pdf', type: 'application/pdf', size: 26 * 1024 * 1024 },
    { name: 'setup.exe', type: 'application/x-msdownload', text: 'MZ' },
    { name: 'invoice-march.txt', type: 'text/plain', text: INVOICE },
  ]);
  await expect(newRun.rejected.getByRole('listitem')).toHaveCount(2);
  await expect(newRun.rejectedRow('scan.pdf')).toContainText('too large');
  await expect(newRun.rejectedRow('scan.pdf')).toContainText('26 MB');
  await expect(newRun.rejectedRow('setup.exe')).toContainText('type not accepted');
  await expect(newRun.files.getByRole('listitem')).toHaveCount(1);
  await expect(newRun.fileRow('invoice-march.txt')).toContainText(/\d+(\.\d+)? ?(B|KB)/);

  // A schema that starts like JSON must parse: Run waits until it does.
  await newRun.outputSchema.fill('{"invoice_number": "string",\n "total": number}');
  await expect(newRun.outputSchema).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/line 2, column \d+/i)).toBeVisible();
  await expect(newRun.run).toHaveAttribute('aria-disabled', 'true');

  await newRun.outputSchema.fill(SCHEMA);
  await expect(newRun.outputSchema).not.toHaveAttribute('aria-invalid', 'true');
  await newRun.run.click();

  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  const taskId = page.url().split('/').pop() ?? '';
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // What the server received: one run, multipart, the query, only the good file, the schema.
  const runs = runRequests(await simulator.requests());
  expect(runs).toHaveLength(1);
  const [received] = runs;
  expect(received?.status).toBe(201);
  expect(received?.content_type).toMatch(/^multipart\/form-data/);
  const parts = received?.parts ?? [];
  expect(parts.find((part) => part.name === 'query')?.value).toBe(
    'Extract the invoice number and the total.',
  );
  const fileParts = parts.filter((part) => part.name === 'files');
  expect(fileParts.map((part) => part.filename)).toEqual(['invoice-march.txt']);
  expect(fileParts[0]?.size).toBe(new TextEncoder().encode(INVOICE).length);
  const outputConfig = JSON.parse(
    parts.find((part) => part.name === 'output_config')?.value ?? '{}',
  ) as { output_schema?: string };
  expect(outputConfig.output_schema).toBe(SCHEMA);

  // And the agent really read that file: the extraction carries the invoice's own figures.
  await expect
    .poll(
      async () => {
        const summary = (await (await simulator.api(`/tasks/${taskId}/summary`)).json()) as {
          status: string;
          result?: { extracted_data?: { invoice_number?: string; total?: number } };
        };
        return summary.status === 'completed' ? summary.result?.extracted_data : summary.status;
      },
      { timeout: 15_000 },
    )
    .toEqual({ invoice_number: 'INV-2026-0042', total: 505.51 });
});

test('a failed run keeps every field and file, says what to do, and the next Run creates one task', async ({
  page,
  newRun,
  simulator,
}) => {
  await newRun.open();
  await newRun.chooseAgent('summ', 'Document Summarizer');
  await newRun.query.fill('Summarize the memo for the board.');
  await newRun.fileInput.setInputFiles({
    name: 'memo.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('# Memo\n\nRevenue grew 12% to EUR 1.2 million.\n'),
  });
  await expect(newRun.fileRow('memo.md')).toBeVisible();
  await newRun.outputSchema.fill('the key facts and the figures');
  await newRun.instructions.fill('Three bullet points at most.');

  const expectEverythingKept = async () => {
    await expect(newRun.agent).toHaveValue('Document Summarizer');
    await expect(newRun.query).toHaveValue('Summarize the memo for the board.');
    await expect(newRun.fileRow('memo.md')).toBeVisible();
    await expect(newRun.outputSchema).toHaveValue('the key facts and the figures');
    await expect(newRun.instructions).toHaveValue('Three bullet points at most.');
  };

  await simulator.injectFault({
    status: 503,
    count: 1,
    method: 'POST',
    path: '/api/v1/agents/*/run',
    error: 'The service is briefly unavailable (injected).',
  });
  await newRun.run.click();
  const unavailable = page.getByRole('alert').filter({ hasText: 'briefly unavailable (injected)' });
  await expect(unavailable).toBeVisible();
  await expect(unavailable).toContainText(/try again|press run again/i);
  await expectEverythingKept();

  await simulator.injectFault({
    status: 429,
    count: 1,
    method: 'POST',
    path: '/api/v1/agents/*/run',
    error: 'Rate limit exceeded (injected).',
    retry_after: 2,
  });
  await newRun.run.click();
  const limited = page.getByRole('alert').filter({ hasText: 'Rate limit exceeded (injected)' });
  await expect(limited).toBeVisible();
  await expect(limited).toContainText(/wait 2 s/i);
  await expect(newRun.run).toHaveAttribute('aria-disabled', 'true');
  await expectEverythingKept();

  await expect(newRun.run).not.toHaveAttribute('aria-disabled', { timeout: 5_000 });
  await newRun.run.click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);

  const runs = runRequests(await simulator.requests());
  expect(runs.map((request) => request.status)).toEqual([503, 429, 201]);
  const tasks = (await (await simulator.api('/tasks')).json()) as { data: unknown[] };
  expect(tasks.data).toHaveLength(1);
});

test('a double click on Run starts one task', async ({ page, newRun, simulator }) => {
  await newRun.open();
  await newRun.chooseAgent('ledger', 'Ledger Sync');
  await newRun.query.fill('Reconcile account ACME-001.');
  await newRun.run.dblclick();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);

  const runs = runRequests(await simulator.requests());
  expect(runs).toHaveLength(1);
  expect(runs[0]?.content_type).toMatch(/^application\/json/);
  expect(runs[0]?.body).toEqual({ query: 'Reconcile account ACME-001.' });
});

test('the keyboard picks agents, inactive ones cannot be chosen, and ?agent= preselects', async ({
  page,
  newRun,
  simulator,
}) => {
  await newRun.open();
  await newRun.agent.focus();
  await page.keyboard.type('legacy');
  const legacy = newRun.option('Legacy Classifier');
  await expect(legacy).toHaveAttribute('aria-disabled', 'true');
  await expect(legacy).toContainText(/inactive/i);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(newRun.agent).not.toHaveValue('Legacy Classifier');
  await page.keyboard.press('Escape');

  await newRun.agent.fill('');
  await page.keyboard.type('outreach');
  await expect(newRun.option('Outreach Reviewer')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(newRun.agent).toHaveValue('Outreach Reviewer');
  await expect(newRun.page.getByRole('listbox')).toBeHidden();

  await newRun.open(`/?agent=${await simulator.agentId('invoice')}`);
  await expect(newRun.agent).toHaveValue('Invoice Extractor');
});

test('the picker shows agent descriptions, and the agents run last first under Recent', async ({
  page,
  newRun,
}) => {
  await newRun.open();
  await newRun.agent.click();
  // The description is the option's description, not part of its name; an agent without one
  // (the simulator gives the Trace Stress Test none) has no description.
  await expect(newRun.option('Invoice Extractor')).toHaveAccessibleDescription(
    /^Extracts invoice fields/,
  );
  await expect(newRun.option('Trace Stress Test')).not.toHaveAttribute('aria-describedby');
  await expect(page.getByRole('group', { name: 'Recent' })).toHaveCount(0);

  await newRun.start('ledger', 'Ledger Sync', 'Reconcile March.');
  await newRun.start('outreach', 'Outreach Reviewer', 'Write to ACME about the renewal.');

  await newRun.open();
  await newRun.agent.click();
  await expect(newRun.recentAgents).toHaveCount(2);
  await expect(newRun.recentAgents.nth(0)).toContainText('Outreach Reviewer');
  await expect(newRun.recentAgents.nth(1)).toContainText('Ledger Sync');
  // Each agent once: not repeated under All agents.
  await expect(newRun.option('Ledger Sync')).toHaveCount(1);
  await expect(page.getByRole('group', { name: 'All agents' })).toContainText('Invoice Extractor');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.help}`),
  ).toEqual([]);
  // The arrows walk the list as shown, Recent first.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(newRun.agent).toHaveValue('Ledger Sync');

  // Searching lists matches only, without groups.
  await newRun.agent.fill('sync');
  await expect(newRun.agentOptions).toHaveCount(1);
  await expect(page.getByRole('group', { name: 'Recent' })).toHaveCount(0);
});

test('the text fields survive a reload, and Copy as curl never contains the key', async ({
  page,
  context,
  newRun,
  simulator,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await newRun.open();
  await newRun.chooseAgent('summ', 'Document Summarizer');
  await newRun.query.fill("Summarize the board's memo.");
  await newRun.outputSchema.fill('the key facts');
  await newRun.instructions.fill('Plain English.');

  await page.getByRole('button', { name: 'Copy as curl' }).click();
  await expect(page.getByText('Copied to the clipboard.')).toBeVisible();
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command).toContain('$NANONETS_API_KEY');
  expect(command).toContain('/run');
  expect(command).not.toContain(simulator.apiKey);

  await page.reload();
  await expect(newRun.query).toHaveValue("Summarize the board's memo.");
  await expect(newRun.outputSchema).toHaveValue('the key facts');
  await expect(newRun.instructions).toHaveValue('Plain English.');

  await newRun.run.click();
  await expect(page).toHaveURL(/\/tasks\//);
  await newRun.open();
  await expect(newRun.query).toHaveValue('');
  // The agent used last is remembered for the next run.
  await expect(newRun.agent).toHaveValue('Document Summarizer');
});

test('the new-run page has no serious or critical accessibility violations, errors shown', async ({
  newRun,
}) => {
  await newRun.open();
  await newRun.chooseAgent('invo', 'Invoice Extractor');
  await newRun.dropFiles([
    { name: 'notes.txt', type: 'text/plain', text: 'hello' },
    { name: 'tool.exe', type: 'application/x-msdownload', text: 'MZ' },
  ]);
  await expect(newRun.rejectedRow('tool.exe')).toBeVisible();
  await newRun.outputSchema.fill('{"total": }');
  await expect(newRun.outputSchema).toHaveAttribute('aria-invalid', 'true');
  const results = await new AxeBuilder({ page: newRun.page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});

test('a chosen folder: every file inside judged on its own row, and Run sends the accepted ones', async ({
  page,
  newRun,
  simulator,
}, testInfo) => {
  // invoices/march.txt, invoices/april.csv and invoices/tools/setup.exe, on disk.
  const folder = testInfo.outputPath('invoices');
  await mkdir(join(folder, 'tools'), { recursive: true });
  await writeFile(join(folder, 'march.txt'), INVOICE);
  await writeFile(join(folder, 'april.csv'), 'sku,qty\nPP-100,3\n');
  await writeFile(join(folder, 'tools', 'setup.exe'), 'MZ');

  await newRun.open();
  await newRun.chooseAgent('summ', 'Document Summarizer');
  await newRun.folderInput.setInputFiles(folder);

  await expect(newRun.files.getByRole('listitem')).toHaveCount(2);
  await expect(newRun.fileRow('invoices/march.txt')).toBeVisible();
  await expect(newRun.fileRow('invoices/april.csv')).toBeVisible();
  await expect(newRun.rejected.getByRole('listitem')).toHaveCount(1);
  await expect(newRun.rejectedRow('invoices/tools/setup.exe')).toContainText('type not accepted');

  await newRun.run.click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  const [received] = runRequests(await simulator.requests());
  const files = (received?.parts ?? []).filter((part) => part.name === 'files');
  expect(files.map((part) => part.filename).sort()).toEqual(['april.csv', 'march.txt']);
});
