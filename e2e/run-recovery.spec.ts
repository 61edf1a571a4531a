/** Runs whose answer is lost: the request reaches the simulator and creates a task, but the browser
 *  never hears back. Whatever happens next — the network stays gone, the page is reloaded — the
 *  next Run must open that task rather than start a second one (decision 0007). */
import type { Page, Route } from '@playwright/test';
import { expect, test } from './fixtures';
import type { SimulatorHandle } from './simulator';

const RUN_ROUTE = '**/api/v1/agents/*/run';

/** Lets the run request reach the simulator, then loses its answer on the way back. */
async function loseRunAnswers(page: Page): Promise<void> {
  await page.route(RUN_ROUTE, async (route: Route) => {
    await route.fetch();
    await route.abort('internetdisconnected');
  });
}

async function simulatorTasks(simulator: SimulatorHandle): Promise<{ task_id: string }[]> {
  const response = await simulator.api('/tasks');
  return ((await response.json()) as { data: { task_id: string }[] }).data;
}

async function runRequests(simulator: SimulatorHandle) {
  const posts = await simulator.requests({ path: '/api/v1/agents/', method: 'POST' });
  return posts.filter((request) => request.path.endsWith('/run'));
}

test('the answer lost with the network gone: the form stays, and the next Run opens the one task', async ({
  page,
  newRun,
  simulator,
}) => {
  await newRun.open();
  await newRun.chooseAgent('invo', 'Invoice Extractor');
  await newRun.query.fill('Extract the invoice total.');
  await newRun.fileInput.setInputFiles({
    name: 'invoice.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('INVOICE\nTotal: EUR 505.51\n'),
  });
  await expect(newRun.fileRow('invoice.txt')).toBeVisible();

  // The network goes: no script can be fetched any more, the task list cannot be read, and the
  // run request gets through to the simulator but its answer never comes back.
  await page.route('**/*.js', (route) => route.abort('internetdisconnected'));
  await page.route('**/api/v1/tasks**', (route) => route.abort('internetdisconnected'));
  await loseRunAnswers(page);

  await newRun.run.click();
  const lost = page.getByRole('alert').filter({ hasText: 'No answer from the server' });
  await expect(lost).toBeVisible();
  await expect(lost).toContainText(/will not start twice/);
  // Everything is still there, and the task does exist on the server.
  await expect(newRun.fileRow('invoice.txt')).toBeVisible();
  await expect(newRun.query).toHaveValue('Extract the invoice total.');
  await expect.poll(async () => (await simulatorTasks(simulator)).length).toBe(1);

  // Run again while still offline: the console looks first, cannot, and lets the person choose.
  await newRun.run.click();
  const unsure = page
    .getByRole('alert')
    .filter({ hasText: 'Couldn’t check whether your earlier Run started a task' });
  await expect(unsure).toBeVisible();
  await expect(unsure.getByRole('button', { name: 'Check again' })).toBeVisible();
  await expect(unsure.getByRole('button', { name: 'Start anyway' })).toBeVisible();
  await expect(unsure.getByRole('link', { name: /Open task list/ })).toBeVisible();
  await expect(newRun.fileRow('invoice.txt')).toBeVisible();

  // The network comes back: Check again finds the task the first attempt created and opens it.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await unsure.getByRole('button', { name: 'Check again' }).click();
  const [task] = await simulatorTasks(simulator);
  await expect(page).toHaveURL(new RegExp(`/tasks/${task?.task_id ?? 'missing'}$`));
  expect(await simulatorTasks(simulator)).toHaveLength(1);
  expect(await runRequests(simulator)).toHaveLength(1);
});

test('the answer lost, then a reload: Run opens the task the first attempt created', async ({
  page,
  newRun,
  simulator,
}) => {
  await newRun.open();
  await newRun.chooseAgent('ledger', 'Ledger Sync');
  await newRun.query.fill('Reconcile account ACME-003.');
  await loseRunAnswers(page);
  await newRun.run.click();
  await expect(page.getByRole('alert').filter({ hasText: 'No answer' })).toBeVisible();
  await expect.poll(async () => (await simulatorTasks(simulator)).length).toBe(1);

  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.reload();
  // The agent (in the URL) and the query (the draft) are back; the marker is too.
  await expect(newRun.agent).toHaveValue('Ledger Sync');
  await expect(newRun.query).toHaveValue('Reconcile account ACME-003.');
  await newRun.run.click();

  const [task] = await simulatorTasks(simulator);
  await expect(page).toHaveURL(new RegExp(`/tasks/${task?.task_id ?? 'missing'}$`));
  expect(await simulatorTasks(simulator)).toHaveLength(1);
  expect(await runRequests(simulator)).toHaveLength(1);
  const lookups = await simulator.requests({ path: '/api/v1/tasks', method: 'GET' });
  expect(lookups.length).toBeGreaterThanOrEqual(1);
});
