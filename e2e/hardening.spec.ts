/** The product against a misbehaving backend: under chaos (500/503s, a tight rate limit) every
 *  task ends in its true state with ten runs and one message per answer; under hostile data
 *  nothing runs, errors or overflows, and everything stays readable and searchable. */
import type { Page, Response } from '@playwright/test';
import { expect, test } from './fixtures';
import { ConversationTab } from './pages/conversation';
import type { NewRunPage } from './pages/new-run-page';
import type { SimulatorHandle } from './simulator';
import { TWO_TOTALS } from './documents';

interface NetlogEntry {
  kind: 'request' | 'answer';
  method: string;
  path: string;
  at: number;
  status?: number;
  retryAfter?: number | null;
}

/**
 * In the page, before its code runs: every `fetch` and XHR to the API, logged when page code
 * makes it, and each answer when page code gets it (a string: tsx would wrap a function).
 */
const NETLOG_SCRIPT = `(() => {
  const report = (entry) => window.__netlog(entry);
  const pathOf = (url) => new URL(url, location.href).pathname;
  const isApi = (path) => path.startsWith('/api/v1/');
  const original = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = pathOf(url);
    const method = (init && init.method) || 'GET';
    const pending = original.apply(this, arguments);
    if (isApi(path)) {
      report({ kind: 'request', method, path, at: Date.now() });
      pending.then((response) => {
        const header = response.headers.get('Retry-After');
        report({ kind: 'answer', method, path, at: Date.now(), status: response.status,
          retryAfter: header === null ? null : Number(header) });
      }, () => undefined);
    }
    return pending;
  };
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__netlog = { method, path: pathOf(String(url)) };
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    const info = this.__netlog;
    if (info && isApi(info.path)) {
      report({ kind: 'request', method: info.method, path: info.path, at: Date.now() });
      this.addEventListener('load', () => {
        const header = this.getResponseHeader('Retry-After');
        report({ kind: 'answer', method: info.method, path: info.path, at: Date.now(),
          status: this.status, retryAfter: header === null ? null : Number(header) });
      });
    }
    return send.apply(this, arguments);
  };
})();`;

const LABELS: Record<string, string> = {
  completed: 'Completed',
  failed: 'Failed',
  stopped: 'Stopped',
};

/** Presses Run until the task exists, as a person would after each explained failure. */
async function startPersistently(
  newRun: NewRunPage,
  agentSearch: string,
  agentName: string,
  query: string,
  file?: { name: string; text: string },
): Promise<string> {
  const { page } = newRun;
  await newRun.open();
  // The agents list may fail too: the picker retries by itself, so give it time.
  await newRun.agent.fill(agentSearch);
  await newRun.option(agentName).first().click({ timeout: 30_000 });
  await expect(newRun.agent).toHaveValue(agentName);
  await newRun.query.fill(query);
  if (file) {
    await newRun.fileInput.setInputFiles({
      name: file.name,
      mimeType: 'text/plain',
      buffer: Buffer.from(file.text),
    });
  }
  for (let attempt = 0; attempt < 12; attempt++) {
    await expect(newRun.run).not.toHaveAttribute('aria-disabled', { timeout: 70_000 });
    await newRun.run.click();
    const outcome = await Promise.race([
      page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/, { timeout: 40_000 }).then(() => 'started'),
      page
        .getByRole('alert')
        .filter({ hasText: /not started|No answer|Too many|Couldn’t check/ })
        .waitFor({ timeout: 40_000 })
        .then(() => 'refused'),
    ]);
    if (outcome === 'started') return page.url().split('/').pop() ?? '';
    // Nothing typed or dropped is lost by a failure.
    await expect(newRun.query).toHaveValue(query);
  }
  throw new Error(`could not start "${query}" in 12 attempts`);
}

/** Sends a reply, pressing Retry while it fails, until the simulator has accepted it. */
async function answer(
  conversation: ConversationTab,
  simulator: SimulatorHandle,
  taskId: string,
  text: string,
) {
  await conversation.page.goto(`/tasks/${taskId}?tab=conversation`);
  await expect(conversation.question).toBeVisible({ timeout: 60_000 });
  await conversation.sendReply(text);
  await expect
    .poll(
      async () => {
        const retry = conversation.failed.getByRole('button', { name: 'Retry' });
        if (await retry.isVisible()) await retry.click();
        const posts = await simulator.requests({
          path: `/api/v1/tasks/${taskId}/message`,
          method: 'POST',
        });
        return posts.filter((post) => post.status < 300).length;
      },
      { timeout: 90_000, intervals: [1_000] },
    )
    .toBe(1);
}

/** A task's status as the simulator holds it (not through the failing, rate-limited API). */
async function held(simulator: SimulatorHandle, taskId: string): Promise<string | undefined> {
  return (await simulator.heldTasks()).find((task) => task.task_id === taskId)?.status;
}

/** Clicks a button until the simulator shows the effect (a request under chaos may fail). */
async function persist(page: Page, action: () => Promise<void>, done: () => Promise<boolean>) {
  await expect
    .poll(
      async () => {
        if (await done()) return true;
        await action().catch(() => undefined);
        return done();
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe(true);
  void page;
}

test('chaos: 20 % 5xx and a tight rate limit; ten tasks reach their true ends, nothing doubled or lost', async ({
  page,
  newRun,
  tasks,
  simulator,
}) => {
  test.setTimeout(420_000);
  // What the page's own code sent and learned, timed in the page: a 429 counts from the moment
  // page code had its answer, and only requests page code made after that can be early.
  const netlog: NetlogEntry[] = [];
  await page.exposeBinding('__netlog', (_source, entry: NetlogEntry) => void netlog.push(entry));
  await page.addInitScript(NETLOG_SCRIPT);
  const responses: { path: string; status: number }[] = [];
  page.on('response', (response: Response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/v1/')) {
      responses.push({ path: url.pathname, status: response.status() });
    }
  });
  await simulator.configure({ error_rate: 0.2, rate_limit: 80 });

  const asked: string[] = [];
  for (let i = 1; i <= 3; i++) {
    asked.push(
      await startPersistently(newRun, 'invo', 'Invoice Extractor', `Chaos invoice ${i}`, {
        name: `invoice-${i}.txt`,
        text: TWO_TOTALS,
      }),
    );
  }
  const review = await startPersistently(
    newRun,
    'outreach',
    'Outreach Reviewer',
    'Email ann@example.com about the chaos renewal',
  );
  const failing = await startPersistently(newRun, 'ledger', 'Ledger Sync', 'Chaos sync GLOBEX-042');
  const summaries: string[] = [];
  for (let i = 1; i <= 4; i++) {
    summaries.push(
      await startPersistently(newRun, 'summ', 'Document Summarizer', `Chaos summary ${i}`, {
        name: `memo-${i}.txt`,
        text: `Revenue grew ${i}% to EUR ${i}.2 million.`,
      }),
    );
  }
  // Two totals: this one waits for an answer until it is cancelled, however slow the chaos makes
  // the cancel (a run that ends by itself could finish first).
  const cancelled = await startPersistently(newRun, 'invo', 'Invoice Extractor', 'Chaos cancel', {
    name: 'invoice-cancel.txt',
    text: TWO_TOTALS,
  });

  // Cancel it while it is live.
  await tasks.open(`/tasks/${cancelled}`);
  await persist(
    page,
    async () => {
      await tasks.cancelTask.click({ timeout: 5_000 });
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel task' }).click();
    },
    async () => (await held(simulator, cancelled)) === 'stopped',
  );

  // Answer every question through the Conversation tab.
  const conversation = new ConversationTab(page);
  for (const [index, taskId] of asked.entries()) {
    await answer(conversation, simulator, taskId, `Use the second total, please (${index + 1}).`);
  }

  // Approve the review (a control of the simulator's: no injected failures there).
  await page.goto(`/tasks/${review}`);
  await expect(conversation.reviewNotice).toBeVisible({ timeout: 60_000 });
  await conversation.approve.click();

  // Every task ends; the screen shows each in its true terminal state.
  const all = [...asked, review, failing, ...summaries, cancelled];
  await expect
    .poll(
      async () => {
        const states = await simulator.heldTasks();
        return all.every((id) => {
          const state = states.find((task) => task.task_id === id);
          return state !== undefined && LABELS[state.status] !== undefined;
        });
      },
      { timeout: 90_000, intervals: [1_000] },
    )
    .toBe(true);
  await tasks.open('/tasks');
  for (const id of all) {
    const truth = LABELS[(await held(simulator, id)) ?? ''] ?? '';
    const row = tasks.list.getByRole('listitem').filter({
      has: page.locator(`a[href^="/tasks/${id}"]`),
    });
    await expect(row).toContainText(truth, { timeout: 60_000 });
  }

  // What the server holds: ten runs, one message per answer, every typed text once.
  await simulator.configure({ error_rate: 0, rate_limit: 0 });
  const runs = (await simulator.requests({ path: '/api/v1/agents/', method: 'POST' })).filter(
    (request) => request.path.endsWith('/run'),
  );
  expect(runs.filter((request) => request.status === 201)).toHaveLength(10);
  expect(await simulator.heldTasks()).toHaveLength(10);
  for (const [index, taskId] of asked.entries()) {
    const posts = await simulator.requests({
      path: `/api/v1/tasks/${taskId}/message`,
      method: 'POST',
    });
    expect(posts.filter((post) => post.status < 300)).toHaveLength(1);
    const messages = (await (await simulator.api(`/tasks/${taskId}/messages`)).json()) as {
      data: { content: unknown }[];
    };
    const text = `Use the second total, please (${index + 1}).`;
    expect(messages.data.filter((message) => message.content === text)).toHaveLength(1);
  }

  // The figures, and every 429 honoured: nothing asked of that resource before Retry-After.
  const limited = netlog.filter((entry) => entry.kind === 'answer' && entry.status === 429);
  const sent = netlog.filter((entry) => entry.kind === 'request');
  let honoured = 0;
  const early: string[] = [];
  for (const hit of limited) {
    const wait = Math.min(hit.retryAfter ?? 5, 300) * 1000;
    const next = sent.find(
      (later) => later.path === hit.path && later.at > hit.at && later.at - hit.at < wait - 2,
    );
    if (!next) honoured += 1;
    else {
      early.push(
        `${next.method} ${hit.path} again after ${next.at - hit.at} ms (Retry-After ${wait} ms)`,
      );
    }
  }
  const errors = responses.filter((response) => response.status >= 500).length;
  console.log(
    `chaos: ${responses.length} API answers; tasks ${all.length}, run attempts ${runs.length} (201: ${runs.filter((r) => r.status === 201).length}), replies ${asked.length}, 5xx absorbed ${errors}, 429s read ${limited.length} (honoured ${honoured})`,
  );
  expect(early).toEqual([]);
});

test('hostile data stays data: markup, javascript: links, direction overrides, 10,000 characters, nulls', async ({
  page,
  newRun,
  tasks,
  simulator,
}) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await simulator.quirks({ nulls: true, extra_fields: true, hostile_agent: true });

  const noOverflow = async () => {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
  };

  // The agent: found by searching part of its name, readable, its override spelled out.
  await newRun.open();
  await newRun.agent.fill('gnp.exe');
  const hostile = newRun.option(/onerror/);
  await expect(hostile).toBeVisible();
  await expect(hostile).toContainText('U+202E');
  await noOverflow();
  await hostile.click();
  const query = `<img src=x onerror=alert(1)> [open](javascript:alert(2)) \u202Egnp.exe ${'Q'.repeat(10_000)}`;
  await newRun.query.fill(query);
  await newRun.fileInput.setInputFiles({
    name: '<b>x</b>\u202Egnp.exe.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('<script>alert(3)</script> Total: EUR 12.00'),
  });
  await expect(newRun.files).toContainText('<b>x</b>');
  await expect(newRun.files).toContainText('U+202E');
  await noOverflow();
  await newRun.run.click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  const taskId = page.url().split('/').pop() ?? '';

  // Its page, each tab: readable, nothing runs, nothing overflows.
  await expect(tasks.heading).toContainText('<img src=x onerror=alert(1)>', { timeout: 15_000 });
  await expect(tasks.status('Completed')).toBeVisible({ timeout: 30_000 });
  await noOverflow();
  await page.getByRole('tab', { name: 'Summary' }).click();
  await expect(page.getByRole('region', { name: 'Answer', exact: true })).toBeVisible();
  await noOverflow();
  await page.getByRole('tab', { name: 'Conversation' }).click();
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log).toContainText('<img src=x onerror=alert(1)>');
  await noOverflow();
  await page.getByRole('tab', { name: 'Trace' }).click();
  const search = page.getByRole('searchbox', { name: 'Search trace' });
  await search.fill('onerror');
  await expect(page.getByText(/\d+ (matches|match)/).first()).toBeVisible();
  await noOverflow();
  expect(await page.locator('img[onerror], script:not([src]):not([type])').count()).toBe(0);

  // The list: the row is there, found by search, and the layout holds.
  await tasks.open('/tasks');
  await tasks.search.fill('onerror');
  await expect(
    tasks.list.getByRole('listitem').filter({ has: page.locator(`a[href^="/tasks/${taskId}"]`) }),
  ).toBeVisible();
  await noOverflow();

  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
});
