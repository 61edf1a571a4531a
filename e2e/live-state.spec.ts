/** Live state at scale (production build, proxy, simulator at 20×): the live refresh walks many
 *  live tasks, tasks that wait on a person are counted seen or hidden, status-less list items get
 *  true labels, arrivals show once, and a run settled after its form was left clears it. */
import { expect, test } from './fixtures';
import { TWO_TOTALS } from './documents';
import type { ListedRow } from './pages/tasks-page';
import type { LoggedRequest, SimulatorHandle } from './simulator';

/** The live refresh's walk and the needs-you watcher's, as the app asks for them. */
const LIVE_SET = 'pending,queued,running,waiting_for_input,awaiting_review';
const NEEDS_YOU_SET = 'waiting_for_input,awaiting_review';
const TERMINAL_LABELS: readonly string[] = ['Completed', 'Failed', 'Stopped'];
/** Requests sent at once: enough to be quick, few enough for a loaded two-core machine. */
const BATCH = 25;

async function inBatches<T, R>(items: readonly T[], each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += BATCH) {
    results.push(...(await Promise.all(items.slice(start, start + BATCH).map(each))));
  }
  return results;
}

/** Starts one task per query through the API; returns their ids in the queries' order. */
async function startTasks(
  simulator: SimulatorHandle,
  key: string,
  queries: readonly string[],
): Promise<string[]> {
  const agentId = await simulator.agentId(key);
  return inBatches(queries, async (query) => {
    const response = await simulator.api(`/agents/${agentId}/run`, {
      method: 'POST',
      data: { query },
    });
    expect(response.ok()).toBe(true);
    return ((await response.json()) as { task_id: string }).task_id;
  });
}

/** Cancels tasks once the simulator has picked them up: one cancelled while still pending would
 *  never get its title, and its row would show its id. */
async function cancelTasks(simulator: SimulatorHandle, taskIds: readonly string[]) {
  const ours = new Set(taskIds);
  await expect
    .poll(async () =>
      (await simulator.heldTasks()).some((t) => ours.has(t.task_id) && t.status === 'pending'),
    )
    .toBe(false);
  await inBatches(taskIds, async (taskId) => {
    const response = await simulator.api(`/tasks/${taskId}/cancel`, { method: 'POST' });
    expect(response.ok()).toBe(true);
  });
}

const numbered = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`);

/** A query parameter as one string (the log keeps repeated ones as arrays). */
function param(request: LoggedRequest, name: string): string | undefined {
  const value = request.query[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** GET /tasks list reads (not a task's own reads), optionally for one status set. */
async function listReads(simulator: SimulatorHandle, statuses?: string) {
  const log = await simulator.requests({ path: '/api/v1/tasks', method: 'GET' });
  return log.filter(
    (request) =>
      request.path === '/api/v1/tasks' &&
      (statuses === undefined || param(request, 'status') === statuses),
  );
}

async function runPosts(simulator: SimulatorHandle) {
  const posts = await simulator.requests({ path: '/api/v1/agents/', method: 'POST' });
  return posts.filter((request) => request.path.endsWith('/run'));
}

function taskIdOf(row: ListedRow): string {
  return /\/tasks\/([^/?#]+)/.exec(row.href)?.[1] ?? `(no link: ${row.name})`;
}

/** Rows that do not show one of the terminal labels, for a readable failure. */
const notEnded = (rows: ListedRow[]) =>
  rows
    .filter((row) => !TERMINAL_LABELS.includes(row.status ?? ''))
    .map((row) => `${row.name}: ${row.status ?? '(reading)'}`);

test('150 live tasks all end: no row shows a live status 15 s later', async ({
  tasks,
  simulator,
}) => {
  test.setTimeout(150_000);
  // Concurrency 2: two run, the rest wait Queued — all of them live.
  const ids = await startTasks(simulator, 'researcher', numbered('Live', 150));
  await tasks.open('/tasks');
  await tasks.loadAll(150);
  // The oldest task is on the last page.
  await expect(tasks.link('Live 1')).toBeVisible();
  // The live refresh has walked the whole live set at least once (two pages of 100).
  await expect
    .poll(async () => (await listReads(simulator, LIVE_SET)).some((r) => param(r, 'cursor')))
    .toBe(true);

  await cancelTasks(simulator, ids);
  // Every row must show how its task ended within 15 s of the last cancel.
  await expect(async () => {
    const rows = await tasks.collectRows();
    expect(new Set(rows.map(taskIdOf)).size).toBe(150);
    expect(notEnded(rows)).toEqual([]);
  }).toPass({ timeout: 15_000 });

  // While the 150 were live, each tick of the live refresh cost at most two requests: the first
  // page (no cursor) and the one its cursor named, 100 tasks apiece.
  const log = await simulator.requests({ path: '/api/v1/tasks' });
  const firstCancel = log.find((r) => r.method === 'POST' && r.path.endsWith('/cancel'));
  expect(firstCancel).toBeDefined();
  const walks = log.filter(
    (r) =>
      r.method === 'GET' &&
      r.path === '/api/v1/tasks' &&
      param(r, 'status') === LIVE_SET &&
      r.id < (firstCancel?.id ?? 0),
  );
  const ticks: LoggedRequest[][] = [];
  for (const walk of walks) {
    if (param(walk, 'cursor') === undefined) ticks.push([walk]);
    else ticks.at(-1)?.push(walk);
  }
  expect(walks.every((walk) => param(walk, 'limit') === '100')).toBe(true);
  expect(ticks.length).toBeGreaterThan(0);
  expect(ticks.map((tick) => tick.length).filter((length) => length > 2)).toEqual([]);
  expect(ticks.some((tick) => tick.length === 2)).toBe(true);
});

test('a filtered list still surfaces the task that waits', async ({ page, tasks, simulator }) => {
  test.setTimeout(75_000);
  await tasks.open('/tasks?status=completed');
  await expect(page).toHaveTitle(/^Tasks · /);

  const review = 'Email ann@example.com about the renewal';
  await simulator.run('reviewer', review);
  // The watcher reads every 15 s while the page is seen.
  await expect(tasks.needsYou.getByRole('link', { name: new RegExp(review) })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page).toHaveTitle(/^\(1\) Tasks · /);

  // A second one, asking a question about a document, joins it.
  const asking = 'Extract the invoice total';
  await simulator.runWithFile('invoice', asking, {
    name: 'invoice.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(TWO_TOTALS),
  });
  await expect(tasks.needsYou.getByRole('link', { name: new RegExp(asking) })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page).toHaveTitle(/^\(2\) Tasks · /);
  // The list keeps to its filter: neither task is Completed.
  await expect(tasks.statusFilter).toContainText('Completed');
  await expect(tasks.row(review)).toHaveCount(0);
  await expect(tasks.row(asking)).toHaveCount(0);
});

test('a hidden tab counts the task that waits in its title', async ({
  page,
  newRun,
  simulator,
}) => {
  test.setTimeout(75_000);
  // When the page asked for task lists, on the test's clock (the log's clock is virtual).
  const reads: number[] = [];
  page.on('request', (request) => {
    if (request.method() === 'GET' && new URL(request.url()).pathname === '/api/v1/tasks') {
      reads.push(Date.now());
    }
  });
  await newRun.open();
  // The watcher's first read (the page is seen) is answered before the tab hides.
  await expect.poll(async () => (await listReads(simulator, NEEDS_YOU_SET)).length).toBe(1);
  const seen = (await simulator.requests()).at(-1)?.id ?? 0;
  const lastSeen = reads.at(-1) ?? 0;

  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const hiddenAt = Date.now();
  await simulator.run('reviewer', 'Email ann@example.com about the renewal');
  // Hidden, the watcher reads every 30 s: the count shows within one period and a bit.
  await expect(page).toHaveTitle(/^\(1\) /, { timeout: 45_000 });
  // Counted from the last read made while the page was seen: the watcher's timer runs from it.
  const waited = Date.now() - lastSeen;

  // The simulator answered exactly the reads the page made while hidden…
  const asked = (await listReads(simulator)).filter((r) => r.id > seen);
  const hidden = reads.filter((at) => at >= hiddenAt);
  expect(asked).toHaveLength(hidden.length);
  expect(asked.every((r) => param(r, 'status') === NEEDS_YOU_SET)).toBe(true);
  // …at most two a minute: one may follow the hiding at once, then each 30 s after the one
  // before (1 s slack for the timers), starting from the last read made while it was seen.
  const [first, ...rest] = hidden;
  const atOnce = first !== undefined && first - hiddenAt < 1_000;
  let previous = atOnce ? first : lastSeen;
  for (const at of atOnce ? rest : hidden) {
    expect(at - previous, 'ms between two reads of a hidden tab').toBeGreaterThanOrEqual(29_000);
    previous = at;
  }
  expect(asked.length).toBeLessThanOrEqual(1 + Math.floor(waited / 30_000));
});

test('a backend whose list items carry no status: every row shows its true status', async ({
  tasks,
  simulator,
}) => {
  test.setTimeout(60_000);
  await simulator.quirks({ list_without_status: true });
  const expected: Record<string, { status: string; label: string }> = {};
  const start = async (key: string, query: string, status: string, label: string) => {
    expected[await simulator.run(key, query)] = { status, label };
  };
  await start('failing', 'Sync account GLOBEX-042', 'failed', 'Failed');
  await start('summarizer', 'Summarize the board memo', 'completed', 'Completed');
  await start(
    'reviewer',
    'Email ann@example.com about the renewal',
    'awaiting_review',
    'Awaiting review',
  );
  const asking = await simulator.runWithFile('invoice', 'Extract the invoice total', {
    name: 'invoice.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(TWO_TOTALS),
  });
  expected[asking] = { status: 'waiting_for_input', label: 'Waiting for input' };
  const stopped = await simulator.run('researcher', 'Research cargo bikes');
  await cancelTasks(simulator, [stopped]);
  expected[stopped] = { status: 'stopped', label: 'Stopped' };

  // Every task has reached the state it stays in.
  const wanted = Object.fromEntries(Object.entries(expected).map(([id, e]) => [id, e.status]));
  await expect
    .poll(
      async () =>
        Object.fromEntries((await simulator.heldTasks()).map((t) => [t.task_id, t.status])),
      { timeout: 30_000 },
    )
    .toEqual(wanted);

  await tasks.open('/tasks');
  for (const [taskId, { label }] of Object.entries(expected)) {
    const title = (await simulator.task(taskId)).title ?? taskId;
    await expect(tasks.row(title), title).toContainText(label);
  }
  await expect(tasks.list).not.toContainText(/Unknown|No status/);
  const rows = await tasks.collectRows();
  expect(Object.fromEntries(rows.map((row) => [taskIdOf(row), row.status]))).toEqual(
    Object.fromEntries(Object.entries(expected).map(([id, e]) => [id, e.label])),
  );
});

test('tasks arriving while pages 1–3 are loaded: every task exactly once', async ({
  tasks,
  simulator,
}) => {
  test.setTimeout(150_000);
  // Finished tasks, so the list holds still: three pages of 50, 50 and 30.
  const older = await startTasks(simulator, 'researcher', numbered('Older', 130));
  await cancelTasks(simulator, older);
  await tasks.open('/tasks');
  await tasks.loadAll(130);
  await expect(tasks.link('Older 1')).toBeVisible();

  // Ten more, one after another, so the last is the newest.
  const arrivals: string[] = [];
  for (const query of numbered('Arrival', 10)) {
    const [taskId] = await startTasks(simulator, 'researcher', [query]);
    await cancelTasks(simulator, [taskId as string]);
    arrivals.push(taskId as string);
  }
  await tasks.scrollToTop();
  // The first page is re-read every 15 s: the newest comes in at the top.
  await expect(tasks.list.getByRole('listitem').first().getByRole('link')).toHaveText(
    'Arrival 10',
    { timeout: 20_000 },
  );

  const rows = await tasks.collectRows();
  const listed = rows.map(taskIdOf);
  expect(rows.map((row) => row.position)).toEqual(listed.map((_, index) => index + 1));
  const twice = listed.filter((taskId, index) => listed.indexOf(taskId) !== index);
  expect(twice).toEqual([]);
  const created = [...older, ...arrivals];
  expect(created.filter((taskId) => !listed.includes(taskId))).toEqual([]);
  expect(listed.filter((taskId) => !created.includes(taskId))).toEqual([]);
  expect(listed).toHaveLength(140);
});

test('leaving the form mid-upload, then Run again, starts one task', async ({
  page,
  shell,
  newRun,
  simulator,
}) => {
  test.setTimeout(90_000);
  await newRun.open();
  await newRun.chooseAgent('summ', 'Document Summarizer');
  await newRun.query.fill('Summarize the annual report');
  // 3 MB at 500 KB/s: about six seconds on the wire.
  const line = 'Revenue grew 12% to EUR 1.2 million; costs fell 4% in March.\n';
  await newRun.fileInput.setInputFiles({
    name: 'annual-report.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(line.repeat(Math.ceil((3 * 1024 * 1024) / line.length))),
  });
  await expect(newRun.fileRow('annual-report.txt')).toBeVisible();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const throttle = (uploadThroughput: number) =>
    cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput,
    });
  await throttle(500 * 1024);

  await newRun.run.click();
  await expect(newRun.uploadProgress).toBeVisible();
  await shell.tasksLink.click();
  await expect(page).toHaveURL(/\/tasks$/);
  // The upload goes on without its form until the simulator has the task.
  await expect
    .poll(async () => (await runPosts(simulator)).map((post) => post.status), { timeout: 40_000 })
    .toEqual([201]);
  await throttle(-1);

  const [task] = await simulator.heldTasks();
  await shell.newRunLink.click();
  await expect(newRun.heading).toBeVisible();
  const started = page.getByRole('status').filter({ hasText: 'Your run started' });
  await expect(started).toBeVisible();
  await expect(started.getByRole('link', { name: 'Open the task' })).toHaveAttribute(
    'href',
    `/tasks/${task?.task_id}`,
  );
  await expect(newRun.query).toHaveValue('');

  // The form is empty: Run starts nothing, and says what it needs.
  await newRun.run.click();
  await expect(page.getByRole('form', { name: 'New run' }).getByRole('alert')).toBeVisible();
  expect(await simulator.heldTasks()).toHaveLength(1);
  expect((await runPosts(simulator)).filter((post) => post.status < 300)).toHaveLength(1);
  // The agent the run used is still chosen, so what is missing is the query or a file.
  await expect(
    page.getByRole('alert').filter({ hasText: 'Type a query or add at least one file.' }),
  ).toBeVisible();
});

test('two tabs: one reads for both, and when it closes the other takes over', async ({
  page,
  context,
  tasks,
  simulator,
}) => {
  test.setTimeout(90_000);
  const watcherReads = (tab: typeof page) => {
    const reads: number[] = [];
    tab.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/tasks' && url.searchParams.get('status') === NEEDS_YOU_SET) {
        reads.push(Date.now());
      }
    });
    return reads;
  };
  const first = watcherReads(page);
  // Every list read of the first tab: after taking over, its list refresh may be what finds the
  // waiting task (the watcher defers to a list that already reads those tasks).
  const firstListReads: number[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/tasks') firstListReads.push(Date.now());
  });
  await tasks.open('/tasks');
  // A second tab, the one now looked at, takes the lead: the first stops reading for itself.
  const second = await context.newPage();
  const secondReads = watcherReads(second);
  await second.goto('/tasks');
  await expect.poll(() => secondReads.length, { timeout: 40_000 }).toBeGreaterThanOrEqual(2);
  const since = secondReads[0] ?? 0;
  expect(first.filter((at) => at > since + 1_000)).toEqual([]);

  // The leader closes: the first tab takes over and still counts the task that starts waiting.
  await second.close();
  const closedAt = Date.now();
  await simulator.run('reviewer', 'Email ann@example.com about the renewal');
  await expect(page).toHaveTitle(/^\(1\) Tasks/, { timeout: 20_000 });
  // It learned that by reading for itself.
  expect(firstListReads.some((at) => at > closedAt)).toBe(true);
});
