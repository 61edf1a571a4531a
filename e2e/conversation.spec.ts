/** The Conversation tab (production build, proxy, simulator at 20×): answering from `Needs you`, a
 *  reply that survives a reload, a failure and a lost answer and is delivered once, reviews, why a
 *  finished task takes no reply, inert hostile text, axe. */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test as base } from './fixtures';
import { ConversationTab } from './pages/conversation';
import type { NewRunPage } from './pages/new-run-page';
import type { SimulatorHandle } from './simulator';
import { TWO_TOTALS } from './documents';

const test = base.extend<{ conversation: ConversationTab }>({
  conversation: async ({ page, simulator: _ }, use) => {
    await use(new ConversationTab(page));
  },
});

/** Starts an Invoice Extractor run on a document with two totals, from the form. */
function startInvoiceRun(newRun: NewRunPage, query: string): Promise<string> {
  return newRun.start('invo', 'Invoice Extractor', query, {
    name: 'invoice.txt',
    text: TWO_TOTALS,
  });
}

/** The replies the simulator answered for a task: every attempt, and the accepted ones. */
async function replies(simulator: SimulatorHandle, taskId: string) {
  const posts = await simulator.requests({
    path: `/api/v1/tasks/${taskId}/message`,
    method: 'POST',
  });
  return { all: posts, accepted: posts.filter((post) => post.status < 300) };
}

/** Person messages with exactly this text, as the simulator keeps the conversation. */
async function storedReplies(simulator: SimulatorHandle, taskId: string, text: string) {
  const response = await simulator.api(`/tasks/${taskId}/messages`);
  const { data } = (await response.json()) as { data: { role: string; content: unknown }[] };
  return data.filter((message) => message.role === 'user' && message.content === text);
}

test('the agent asks which total; the person answers from Needs you and the task completes', async ({
  page,
  newRun,
  tasks,
  conversation,
  simulator,
}) => {
  const taskId = await startInvoiceRun(newRun, 'Extract the invoice total');

  await tasks.open('/tasks');
  const asking = tasks.needsYou.getByRole('link', { name: /Extract the invoice total/ });
  await expect(asking).toBeVisible({ timeout: 20_000 });
  await asking.click();

  // One click: the conversation, the question marked, and the focus already in Reply.
  await expect(page).toHaveURL(new RegExp(`/tasks/${taskId}\\?tab=conversation$`));
  await expect(conversation.tab).toHaveAttribute('aria-selected', 'true');
  await expect(conversation.question).toContainText('505.51');
  await expect(conversation.question).toContainText('520.00');
  await expect(conversation.log.getByRole('listitem').first()).toContainText(
    'Extract the invoice total',
  );
  await expect(conversation.reply).toBeFocused();

  const answer = 'Use the grand total, EUR 520.00';
  await page.keyboard.type(answer);
  await page.keyboard.press('Enter');

  await expect(tasks.status('Completed')).toBeVisible({ timeout: 20_000 });
  await expect(conversation.messages(answer)).toHaveCount(1);
  await expect(conversation.log).toContainText('520.00 EUR as you chose');
  await expect(conversation.reply).toHaveAttribute('aria-disabled', 'true');

  const posts = await simulator.requests({ path: '/api/v1/tasks/', method: 'POST' });
  const messages = posts.filter((post) => post.path === `/api/v1/tasks/${taskId}/message`);
  expect(messages).toHaveLength(1);
  expect(messages[0]?.body).toEqual({ message: answer });
});

test('a draft survives a reload; a reply refused once is kept, and Retry delivers it once', async ({
  page,
  newRun,
  tasks,
  conversation,
  simulator,
}) => {
  const taskId = await startInvoiceRun(newRun, 'Extract the total of the ACME invoice');
  await conversation.tab.click();
  await expect(conversation.question).toBeVisible({ timeout: 20_000 });

  const answer = 'The second one';
  await conversation.reply.fill(answer);
  await page.reload();
  await expect(conversation.reply).toHaveValue(answer);

  await simulator.injectFault({
    status: 503,
    count: 1,
    method: 'POST',
    path: '/api/v1/tasks/*/message',
    error: 'The agent service is restarting (injected).',
  });
  await conversation.reply.press('Enter');

  const failed = conversation.failed.filter({ hasText: answer });
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('Not sent');
  await expect(failed).toContainText('The agent service is restarting (injected).');
  await expect(failed).toContainText(/Press Retry in a moment/);
  await expect(conversation.reply).toHaveValue('');

  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(conversation.failed).toHaveCount(0);
  await expect(tasks.status('Completed')).toBeVisible({ timeout: 20_000 });
  await expect(conversation.messages(answer)).toHaveCount(1);

  const { all, accepted } = await replies(simulator, taskId);
  expect(all.map((post) => post.status)).toEqual([503, 202]);
  expect(accepted).toHaveLength(1);
  expect(await storedReplies(simulator, taskId, answer)).toHaveLength(1);

  // Accepted: the draft is gone for good.
  await page.reload();
  await expect(conversation.reply).toHaveValue('');
});

test('a reply whose answer is lost is checked for before Retry sends it again', async ({
  page,
  newRun,
  conversation,
  simulator,
}) => {
  const taskId = await startInvoiceRun(newRun, 'Extract the invoice amount due');
  await conversation.tab.click();
  await expect(conversation.question).toBeVisible({ timeout: 20_000 });

  // The reply reaches the simulator, but its answer never reaches the browser. The console's
  // own re-read of the conversation is held back until Retry, so Retry's check is what decides.
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let lost = false;
  await page.route('**/api/v1/tasks/*/messages', async (route) => {
    if (lost) await released;
    await route.continue();
  });
  await page.route('**/api/v1/tasks/*/message', async (route) => {
    await route.fetch();
    lost = true;
    await route.abort('internetdisconnected');
  });

  const answer = 'the larger one';
  await conversation.sendReply(answer);
  const failed = conversation.failed.filter({ hasText: answer });
  await expect(failed).toBeVisible();
  await expect(failed).toContainText('Not confirmed');
  await expect(failed).toContainText(/never sent twice/);

  await page.unroute('**/api/v1/tasks/*/message');
  await failed.getByRole('button', { name: 'Retry' }).click();
  release();

  await expect(conversation.failed).toHaveCount(0);
  await expect(conversation.messages(answer)).toHaveCount(1);
  const { all } = await replies(simulator, taskId);
  expect(all).toHaveLength(1);
  expect(await storedReplies(simulator, taskId, answer)).toHaveLength(1);
});

test('reviews are decided against the simulator; a finished task says why it takes no reply', async ({
  page,
  tasks,
  conversation,
  simulator,
}) => {
  const approved = await simulator.run('reviewer', 'Email ann@example.com about the renewal');
  await conversation.open(approved);
  await expect(conversation.reviewNotice).toBeVisible({ timeout: 20_000 });
  await expect(
    conversation.reviewNotice.getByRole('link', { name: /Nanonets dashboard/ }),
  ).toBeVisible();
  await expect(conversation.reply).toHaveAccessibleDescription(/approve or reject the step first/);
  await conversation.approve.click();
  await expect(tasks.status('Completed')).toBeVisible({ timeout: 20_000 });
  await expect(conversation.reviewNotice).toBeHidden();
  await expect(conversation.log).toContainText('Email sent to ann@example.com');

  const rejected = await simulator.run('reviewer', 'Email bob@example.com about the price rise');
  await conversation.open(rejected);
  await expect(conversation.reviewNotice).toBeVisible({ timeout: 20_000 });
  await conversation.reviewNote.fill('Wrong customer');
  await conversation.reject.click();
  // (The first task's row in the inbox says Completed too: read this task's end from its view.)
  await expect(conversation.reply).toHaveAccessibleDescription(/This task has ended/, {
    timeout: 20_000,
  });
  await expect(conversation.log).toContainText('Nothing was sent');
  await expect(conversation.log).toContainText('Wrong customer');
  expect((await simulator.task(rejected)).status).toBe('completed');

  // Finished: Reply stays reachable and says why it is closed; nothing can be sent.
  await expect(conversation.reply).toHaveAttribute('aria-disabled', 'true');
  await expect(conversation.reply).toHaveAccessibleDescription(
    /This task has ended: start a new run to continue/,
  );
  await expect(conversation.send).toHaveAttribute('aria-disabled', 'true');
  await conversation.reply.focus();
  await expect(conversation.reply).toBeFocused();
  await page.keyboard.type('one more thing');
  await page.keyboard.press('Enter');
  await expect(conversation.reply).toHaveValue('');
  expect((await replies(simulator, rejected)).all).toHaveLength(0);
});

test('agent text that echoes HTML or a javascript: link renders inert', async ({
  page,
  tasks,
  conversation,
  simulator,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const hostile = '<img src=x onerror=alert(1)> [go](javascript:alert(2))';
  const taskId = await simulator.run('summarizer', hostile);
  await conversation.open(taskId);
  await expect(tasks.status('Completed')).toBeVisible({ timeout: 20_000 });

  // The summarizer quotes the short query in its answer, an agent message.
  const echo = conversation.log.getByRole('listitem').filter({ hasText: 'Nothing to summarize' });
  await expect(echo).toContainText('<img src=x onerror=alert(1)>');
  await expect(echo.getByText('go', { exact: true })).toBeVisible();
  await echo.getByText('go', { exact: true }).click();

  await expect(page.locator('img[onerror]')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(conversation.log.locator('img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
  await expect(page).toHaveURL(new RegExp(`/tasks/${taskId}`));
});

test('the Conversation tab has no serious or critical accessibility violations', async ({
  page,
  newRun,
  conversation,
  simulator,
}) => {
  await startInvoiceRun(newRun, 'Extract the invoice total for axe');
  await conversation.tab.click();
  await expect(conversation.question).toBeVisible({ timeout: 20_000 });
  // A failed reply too, so its alert and Retry are checked as well.
  await simulator.injectFault({
    status: 503,
    count: 1,
    method: 'POST',
    path: '/api/v1/tasks/*/message',
  });
  await conversation.sendReply('The first one');
  await expect(conversation.failed).toBeVisible();

  const results = await new AxeBuilder({ page }).include('[role="tabpanel"]').analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});
