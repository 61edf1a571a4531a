/** The task list in bulk and on a phone, against the production build, the proxy and the simulator
 *  at 20×: the status multi-select with its counts, selecting rows to cancel or run again (what the
 *  simulator received is checked), and the first row on a phone's first screen. */
import { expect, test } from './fixtures';

test('filter by two statuses with the multi-select, each with its count', async ({
  page,
  tasks,
  simulator,
}) => {
  const ledger = await simulator.run('failing', 'Sync account GLOBEX-042');
  await simulator.run('reviewer', 'Email ann@example.com about the renewal');
  await simulator.run('reviewer', 'Email bob@example.com about the invoice');
  await expect.poll(async () => (await simulator.task(ledger)).status).toBe('failed');

  await tasks.open('/tasks');
  await expect(tasks.row('Sync account GLOBEX-042')).toContainText('Failed');
  await expect(tasks.row('Email ann@example.com')).toContainText('Awaiting review', {
    timeout: 15_000,
  });
  await expect(tasks.row('Email bob@example.com')).toContainText('Awaiting review', {
    timeout: 15_000,
  });

  // The whole list was read: the counts are exact, the total too.
  await expect(tasks.statusFilter).toContainText('All statuses');
  await expect(tasks.statusFilter).toContainText('3');
  await tasks.statusFilter.click();
  await expect(tasks.statusOption('Awaiting review')).toContainText('2');
  await expect(tasks.statusOption('Failed')).toContainText('1');
  await expect(tasks.statusOption('Completed')).toContainText('0');

  // Two statuses, checked by keyboard and by pointer; Escape closes and keeps focus.
  await tasks.statusOption('Failed').click();
  await tasks.statusFilter.press('Home');
  for (let i = 0; i < 4; i++) await tasks.statusFilter.press('ArrowDown');
  await tasks.statusFilter.press('Space');
  await expect(tasks.statusOption('Awaiting review')).toHaveAttribute('aria-selected', 'true');
  await tasks.statusFilter.press('Escape');
  await expect(tasks.statusOptions.first()).toBeHidden();
  await expect(tasks.statusFilter).toBeFocused();
  await expect(page).toHaveURL(/status=awaiting_review,failed/);
  await expect(tasks.statusFilter).toContainText('Awaiting review, Failed');
  await expect(tasks.list.getByRole('listitem')).toHaveCount(3);

  // Only one of them: the list narrows, the other counts stay known.
  await tasks.filterStatuses(['Failed']);
  await expect(tasks.list.getByRole('listitem')).toHaveCount(1);
  await tasks.statusFilter.click();
  await expect(tasks.statusOption('Awaiting review')).toContainText('2');
  await expect(tasks.statusOption('Failed')).toContainText('1');
});

test('select two live tasks and cancel them both', async ({ page, tasks, simulator }) => {
  const first = 'Email ann@example.com about the renewal';
  const second = 'Email bob@example.com about the invoice';
  await simulator.run('reviewer', first);
  await simulator.run('reviewer', second);
  await tasks.open('/tasks');
  await expect(tasks.row(first)).toContainText('Awaiting review', { timeout: 15_000 });
  await expect(tasks.row(second)).toContainText('Awaiting review', { timeout: 15_000 });

  await tasks.rowCheckbox(first).check();
  await tasks.rowCheckbox(second).check();
  await expect(tasks.bulkBar).toContainText('2 selected');
  await tasks.bulkBar.getByRole('button', { name: 'Cancel', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Cancel 2 tasks?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel 2 tasks' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Cancelled 2 tasks.' })).toBeVisible();
  await expect(tasks.row(first)).toContainText('Stopped');
  await expect(tasks.row(second)).toContainText('Stopped');
  // Focus came back to where the person was.
  await expect(tasks.bulkBar.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  const cancels = (await simulator.requests({ path: '/api/v1/tasks/', method: 'POST' })).filter(
    (request) => request.path.endsWith('/cancel'),
  );
  expect(cancels).toHaveLength(2);
  expect(cancels.every((request) => request.status === 200)).toBe(true);
});

test('run a finished task again from the list; one without a record says why', async ({
  page,
  newRun,
  tasks,
  simulator,
}) => {
  const query = 'Sync account GLOBEX-042';
  const original = await newRun.start('ledger', 'Ledger Sync', query);
  await expect(tasks.status('Failed')).toBeVisible({ timeout: 20_000 });
  // Started elsewhere: this browser does not know what it was given.
  const foreign = await simulator.run('failing', 'Sync account INITECH-7');
  await expect.poll(async () => (await simulator.task(foreign)).status).toBe('failed');

  await tasks.open('/tasks');
  await expect(tasks.row(query)).toContainText('Failed');
  await expect(tasks.row('Sync account INITECH-7')).toContainText('Failed');
  await tasks.rowCheckbox(query).check();
  await tasks.rowCheckbox('Sync account INITECH-7').check();
  await tasks.bulkBar.getByRole('button', { name: 'Run again' }).click();

  const report = page.getByRole('status').filter({ hasText: 'Started 1 new task' });
  await expect(report).toContainText('cannot be run again from here');
  await expect(report).toContainText('this browser has no record of what it was given');
  await expect(
    report.getByRole('link', { name: 'Run again: Sync account INITECH-7' }),
  ).toHaveAttribute('href', new RegExp(`rerun=${foreign}`));
  await expect(report.getByRole('link', { name: `New run of ${query}` })).toBeVisible();

  // The simulator received the same query once more, on the same agent.
  const runs = (await simulator.requests({ path: '/api/v1/agents/', method: 'POST' })).filter(
    (request) => request.path.endsWith('/run'),
  );
  const withQuery = runs.filter((request) => (request.body as { query?: string })?.query === query);
  expect(withQuery).toHaveLength(2);
  expect(withQuery[1]?.path).toBe(withQuery[0]?.path);
  const listed = (await (await simulator.api(`/tasks?q=GLOBEX`)).json()) as {
    data: { task_id: string }[];
  };
  expect(listed.data.map((task) => task.task_id)).toContain(original);
  expect(listed.data).toHaveLength(2);
  // The new task is in the list too.
  await expect(tasks.row(query)).toHaveCount(2);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the filters fold into one bar and the first task is on the first screen', async ({
    page,
    tasks,
    simulator,
  }) => {
    await simulator.run('failing', 'Sync account GLOBEX-042');
    await tasks.open('/tasks');
    const firstRow = tasks.list.getByRole('listitem').first();
    await expect(firstRow).toBeVisible();
    const box = await firstRow.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(844);

    // The filters are one tap away, and say how many are set.
    await expect(tasks.statusFilter).toBeHidden();
    await tasks.filtersToggle.click();
    await expect(tasks.statusFilter).toBeVisible();
    await tasks.filterStatuses(['Failed']);
    await expect(tasks.filtersToggle).toHaveText('Filters (1)');
    await expect(page).toHaveURL(/status=failed/);
  });
});
