import { expect, test } from './fixtures';
import type { LoggedRequest } from './simulator';

function runRequests(requests: LoggedRequest[]): LoggedRequest[] {
  return requests.filter((request) => request.method === 'POST' && request.path.endsWith('/run'));
}

test('a draft version cannot be run, and one click switches to the published version', async ({
  page,
  newRun,
  simulator,
}) => {
  await newRun.open();
  await page.getByRole('checkbox', { name: 'Include drafts and archived versions' }).check();
  await newRun.agent.fill('summar');
  await newRun.option(/Document Summarizer.*v3/).click();
  await newRun.query.fill('Summarize the attached notes.');

  const why = 'This is a draft version; only published versions run.';
  await expect(newRun.agent).toHaveAccessibleDescription(why);
  await expect(newRun.run).toHaveAccessibleDescription(why);
  // Refused in the page: this press sends nothing (the one run below is the only one logged).
  await expect(newRun.run).toHaveAttribute('aria-disabled', 'true');
  await newRun.run.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/\?agent=/);

  await page.getByRole('button', { name: 'Switch to the published version (v2)' }).click();
  await expect(newRun.agent).toBeFocused();
  await expect(newRun.agent).toHaveValue('Document Summarizer');
  await expect(page.getByRole('region', { name: 'Agent details' })).toContainText('v2');
  await expect(newRun.agent).not.toHaveAccessibleDescription(why);
  await expect(newRun.query).toHaveValue('Summarize the attached notes.');

  await newRun.run.click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  const runs = runRequests(await simulator.requests());
  expect(runs.map((run) => run.path)).toEqual([
    `/api/v1/agents/${await simulator.agentId('summarizer')}/run`,
  ]);
});

test('a 0-byte file is refused on its own row, and the others are kept', async ({ newRun }) => {
  await newRun.open();
  await newRun.dropFiles([
    { name: 'blank.pdf', type: 'application/pdf', size: 0 },
    { name: 'notes.txt', type: 'text/plain', text: 'Quarterly notes' },
  ]);
  await expect(newRun.rejectedRow('blank.pdf')).toContainText('empty file (0 bytes)');
  await expect(newRun.files.getByRole('listitem')).toHaveCount(1);
  await expect(newRun.fileRow('notes.txt')).toBeVisible();
});

test('after Run, focus is on the new task’s heading', async ({ page, newRun }) => {
  await newRun.start('invo', 'Invoice Extractor', 'Extract the total.');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('at 1440×900 the form is two columns and Run is on screen', async ({ page, newRun }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await newRun.open();
  const agent = await newRun.agent.boundingBox();
  const query = await newRun.query.boundingBox();
  // Side by side: the query starts to the right of the agent picker, at about its height.
  expect(query?.x).toBeGreaterThan((agent?.x ?? 0) + (agent?.width ?? 0));
  expect(Math.abs((query?.y ?? 0) - (agent?.y ?? 0))).toBeLessThan(100);
  await newRun.outputSchema.fill('{\n'.repeat(30));
  await expect(newRun.run).toBeInViewport();
});
