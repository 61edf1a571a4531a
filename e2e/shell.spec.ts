import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from './fixtures';

test('the dashboard opens on the simulator and lists the seeded agents through the proxy', async ({
  page,
  shell,
  newRun,
  simulator,
}) => {
  await newRun.open();

  await expect(shell.connection).toHaveText(/Simulator/);
  await expect(shell.nav).toBeVisible();
  await expect(shell.newRunLink).toHaveAttribute('aria-current', 'page');
  await expect(newRun.heading).toBeVisible();

  // The seeded agents, as the simulator defines them: the picker lists published versions
  // by default, and the inactive agent is listed but marked.
  await newRun.agent.click();
  await newRun.agent.press('ArrowDown');
  for (const name of [
    'Invoice Extractor',
    'Outreach Reviewer',
    'Ledger Sync',
    'Trace Stress Test',
  ]) {
    await expect(newRun.option(name)).toBeVisible();
  }
  await expect(newRun.option('Document Summarizer')).toContainText(/v2/);
  await expect(newRun.option('Legacy Classifier')).toContainText(/inactive/i);

  // What the server received: the list request came through the dashboard's proxy with the
  // server-side key (the browser never had it), and nothing asked for archived versions.
  const listed = await simulator.requests({ path: '/api/v1/agents', method: 'GET' });
  expect(listed.length).toBeGreaterThan(0);
  for (const request of listed) {
    expect(request.auth).toBe('valid');
    expect(request.status).toBe(200);
  }

  await shell.tasksLink.click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(shell.tasksLink).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('an API error shows the server message and advice, and Retry recovers', async ({
  newRun,
  simulator,
}) => {
  await simulator.injectFault({
    status: 401,
    count: 1,
    path: '/api/v1/agents',
    error: 'Invalid API key (injected by the test)',
  });
  await newRun.open();

  const alert = newRun.page
    .getByRole('alert')
    .filter({ hasText: 'Invalid API key (injected by the test)' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/key/i);

  await alert.getByRole('button', { name: /retry/i }).click();
  await newRun.chooseAgent('invo', 'Invoice Extractor');
  await expect(alert).toBeHidden();
});

test('deep links to a task route render the task page; an unknown id says so', async ({
  page,
  simulator,
}) => {
  const taskId = await simulator.run('summarizer', 'Summarize the quarterly numbers for me');
  await page.goto(`/tasks/${taskId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Summarize the quarterly numbers for me',
  );

  await page.goto('/tasks/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No task with this id');
  await expect(page.getByRole('main')).toContainText('00000000-0000-4000-8000-000000000000');
});

test('the shell has no serious or critical accessibility violations', async ({ newRun }) => {
  await newRun.open();
  await newRun.chooseAgent('invo', 'Invoice Extractor');
  const results = await new AxeBuilder({ page: newRun.page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});
