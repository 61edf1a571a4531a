/** The live task list and task view (production build, proxy, simulator at 20×): tasks end on
 *  screen without a reload, the asking one first, cancel, filters in the URL, and polling within
 *  its budgets as the request log and the browser see it. */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { TWO_TOTALS } from './documents';

/** In the page, before its code runs: the path of every API call page code makes. */
const COUNT_API_CALLS = `(() => {
  window.apiCalls = [];
  const original = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url, location.href).pathname;
    if (path.startsWith('/api/v1/')) window.apiCalls.push(path);
    return original.apply(this, arguments);
  };
})();`;

test('three tasks on three agents reach their ends on screen; the one that asks comes first', async ({
  page,
  newRun,
  tasks,
  simulator,
}) => {
  // Three runs, their ends, an API task within the 15 s refresh, a cancel, a reload, axe.
  test.setTimeout(90_000);
  await newRun.start('summ', 'Document Summarizer', 'Summarize the board memo', {
    name: 'memo.txt',
    text: 'Revenue grew 12% to EUR 1.2 million.',
  });
  await newRun.start('ledger', 'Ledger Sync', 'Sync account GLOBEX-042');
  await newRun.start('invo', 'Invoice Extractor', 'Extract the invoice total', {
    name: 'invoice.txt',
    text: TWO_TOTALS,
  });

  await tasks.open('/tasks');
  // Each row moves through its statuses to its end, without a reload.
  await expect(tasks.row('Summarize the board memo')).toContainText('Completed', {
    timeout: 20_000,
  });
  await expect(tasks.row('Sync account GLOBEX-042')).toContainText('Failed', { timeout: 20_000 });
  await expect(tasks.row('Extract the invoice total')).toContainText('Waiting for input', {
    timeout: 20_000,
  });

  // Needs you holds the task that asked, linking straight to its conversation; the title counts it.
  const asking = tasks.needsYou.getByRole('link', { name: /Extract the invoice total/ });
  await expect(asking).toBeVisible();
  await expect(asking).toHaveAttribute('href', /\?tab=conversation$/);
  await expect(page).toHaveTitle(/^\(1\) Tasks · Agent Console$/);

  // A task started straight through the API (a script, another tab) appears without a reload.
  await simulator.run('researcher', 'Research the e-bike market');
  await expect(tasks.row('Research the e-bike market')).toBeVisible({ timeout: 20_000 });

  // Cancel a long task while it runs: confirm, and it is Stopped.
  const long = await simulator.run('researcher', 'Research cargo bikes');
  await tasks.open(`/tasks/${long}`);
  await expect(tasks.heading).toHaveText('Research cargo bikes');
  await expect(tasks.status('Running')).toBeVisible();
  await tasks.cancelTask.click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText(/cancel this task/i);
  await confirm.getByRole('button', { name: 'Cancel task' }).click();
  await expect(tasks.status('Stopped')).toBeVisible();
  await expect(tasks.cancelTask).toBeHidden();
  const cancels = await simulator.requests({ path: '/api/v1/tasks/', method: 'POST' });
  expect(cancels.filter((request) => request.path.endsWith('/cancel'))).toHaveLength(1);

  // Filters and search live in the URL: a reload shows the same view.
  await tasks.open('/tasks');
  await tasks.filterStatuses(['Failed']);
  await tasks.search.fill('GLOBEX');
  await expect(page).toHaveURL(/status=failed/);
  await expect(page).toHaveURL(/q=GLOBEX/);
  await expect(tasks.list.getByRole('listitem')).toHaveCount(1);
  await page.reload();
  await expect(tasks.statusFilter).toContainText('Failed');
  await expect(tasks.search).toHaveValue('GLOBEX');
  await expect(tasks.list.getByRole('listitem')).toHaveCount(1);
  await expect(tasks.row('Sync account GLOBEX-042')).toBeVisible();

  // The list, its filters (one checked) and Needs you hold up for assistive technology.
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (violation) =>
        `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ') + ' ' + (node.failureSummary ?? '')).join(' | ')}`,
    ),
  ).toEqual([]);
});

test('a finished task costs no more requests, ever', async ({ page, newRun, tasks, simulator }) => {
  // The page's clock, so the next minutes of its timers can be run at once.
  await page.clock.install();
  await page.addInitScript(COUNT_API_CALLS);
  const done = await newRun.start('summ', 'Document Summarizer', 'Summarize the memo', {
    name: 'memo.txt',
    text: 'Costs fell 4% in March.',
  });
  await expect(tasks.status('Completed')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Answer', exact: true })).toBeVisible();
  // The answer is read once, the state never again: two minutes of the page's timers, run
  // now, make no call about it.
  const calls = () =>
    page.evaluate(
      (id) => (window as unknown as { apiCalls: string[] }).apiCalls.filter((p) => p.includes(id)),
      done,
    );
  const before = (await calls()).length;
  await page.clock.runFor(2 * 60_000);
  expect((await calls()).slice(before)).toEqual([]);
  const doneReads = await simulator.requests({ path: `/api/v1/tasks/${done}` });
  expect(doneReads.filter((request) => request.path.endsWith('/summary'))).toHaveLength(1);
});

test('a 429 holds its resource and shows a countdown', async ({ page, tasks, simulator }) => {
  // A long task, rate limited once: no request for its state until Retry-After has passed.
  const slow = await simulator.run('researcher', 'Research heat pumps');
  const path = `/api/v1/tasks/${slow}`;
  const seen: { status: number; at: number }[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === path) {
      seen.push({ status: response.status(), at: Date.now() });
    }
  });
  await tasks.open(`/tasks/${slow}`);
  await expect(tasks.status('Running')).toBeVisible();
  // The fault matches the task's path as a prefix: its answer is read first, so that only the
  // state poller meets the 429.
  await expect(page.getByRole('region', { name: 'Answer', exact: true })).toBeVisible();
  await simulator.injectFault({
    status: 429,
    count: 1,
    method: 'GET',
    path,
    error: 'Rate limit exceeded (injected).',
    retry_after: 3,
  });
  await expect(page.getByText(/Rate limited/)).toBeVisible();
  await expect(page.getByText(/next update in \d s/)).toBeVisible();
  // The last known state stays on screen meanwhile.
  await expect(tasks.status('Running')).toBeVisible();
  await expect.poll(() => seen.filter((entry) => entry.status === 200).length > 0).toBe(true);
  await expect
    .poll(() => seen.findIndex((entry) => entry.status === 429) < seen.length - 1, {
      timeout: 8_000,
    })
    .toBe(true);
  const limited = seen.findIndex((entry) => entry.status === 429);
  const next = seen[limited + 1];
  expect(next && next.at - (seen[limited]?.at ?? 0)).toBeGreaterThanOrEqual(2_950);
  const logged = await simulator.requests({ path });
  expect(logged.filter((request) => request.status === 429)).toHaveLength(1);
  await expect(page.getByText(/Rate limited/)).toBeHidden();
});

test('offline: the banner shows within one poll, the last data stays, and recovery clears it', async ({
  context,
  tasks,
  simulator,
}) => {
  // A review waits for a person: the task stays live, whatever the outage costs in time.
  const waiting = await simulator.run('reviewer', 'Email ann@example.com about the renewal');
  await tasks.open(`/tasks/${waiting}`);
  await expect(tasks.status('Awaiting review')).toBeVisible({ timeout: 10_000 });

  await context.setOffline(true);
  await expect(tasks.offlineBanner).toBeVisible({ timeout: 6_000 });
  await expect(tasks.offlineBanner).toContainText('Offline');
  await expect(tasks.backend).toContainText('offline');
  await expect(tasks.heading).toHaveText('Email ann@example.com about the renewal');

  await context.setOffline(false);
  await expect(tasks.offlineBanner).toBeHidden({ timeout: 5_000 });
  // Then the API itself fails: reads get no answer twice in a row, and the console says so,
  // in the banner and in the backend indicator alike; both clear together.
  await simulator.injectFault({ status: 503, count: 3, method: 'GET', path: '/api/v1/tasks' });
  await expect(tasks.offlineBanner).toContainText('Reconnecting', { timeout: 15_000 });
  await expect(tasks.backend).toContainText('not answering');
  await expect(tasks.offlineBanner).toBeHidden({ timeout: 30_000 });
  await expect(tasks.backend).not.toContainText('not answering');
  await expect(tasks.status('Awaiting review')).toBeVisible();
});
