/**
 * The whole product against a backend that misbehaves, as a person would meet it:
 *
 * - Chaos: 20 % of API requests answered 500/503 and a tight rate limit, while ten tasks are
 *   started from the form, questions are answered, a review is approved and a task cancelled.
 *   Every task must end on screen in its true terminal state, the simulator must hold exactly ten
 *   runs and one message per answer, and no typed text may be lost.
 * - Hostile data: an agent, tasks, messages and trace steps carrying markup, `javascript:` links,
 *   direction overrides, 10,000-character names, nulls and unknown fields: no dialog, no page
 *   error, no horizontal overflow, and everything still readable and searchable.
 */
import type { Page, Response } from '@playwright/test';
import { expect, test } from './fixtures';
import { ConversationTab } from './pages/conversation';
import type { NewRunPage } from './pages/new-run-page';
import type { SimulatorHandle } from './simulator';
import { TWO_TOTALS } from './documents';

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
  const responses: { path: string; status: number; at: number; retryAfter: number | null }[] = [];
  const sent: { path: string; method: string; at: number }[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/v1/')) {
      sent.push({ path: url.pathname, method: request.method(), at: Date.now() });
    }
  });
  page.on('response', (response: Response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/v1/')) return;
    const retryAfter = response.headers()['retry-after'];
    responses.push({
      path: url.pathname,
      status: response.status(),
      at: Date.now(),
      retryAfter: retryAfter === undefined ? null : Number(retryAfter),
    });
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
  const cancelled = await startPersistently(newRun, 'deep', 'Deep Researcher', 'Chaos research');

  // Cancel the long one while it runs.
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
  const limited = responses.filter((response) => response.status === 429);
  let honoured = 0;
  const early: string[] = [];
  for (const hit of limited) {
    // A request sent after the 429 arrived, to the same resource, before Retry-After passed.
    const wait = (hit.retryAfter ?? 5) * 1000;
    const next = sent.find(
      (later) => later.path === hit.path && later.at > hit.at && later.at - hit.at < wait - 250,
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
    `chaos: ${responses.length} API answers; tasks ${all.length}, run attempts ${runs.length} (201: ${runs.filter((r) => r.status === 201).length}), replies ${asked.length}, 5xx absorbed ${errors}, 429s ${limited.length} (honoured ${honoured})`,
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
  await expect(page.getByRole('region', { name: 'Answer' })).toBeVisible();
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
