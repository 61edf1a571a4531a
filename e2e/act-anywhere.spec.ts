/** Acting where the person is: answer a waiting task from `Needs you` on /tasks (typed, or a
 *  suggested reply) and from its Summary tab; approve a review from its `Review` card. What the
 *  simulator received is read from its conversation and request log. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test as base } from './fixtures';
import { TWO_TOTALS } from './documents';
import { ActAnywhere } from './pages/act-anywhere';
import type { SimulatorHandle } from './simulator';

const test = base.extend<{ act: ActAnywhere }>({
  act: async ({ page, simulator: _ }, use) => {
    await use(new ActAnywhere(page));
  },
});

function invoiceRun(simulator: SimulatorHandle, query: string): Promise<string> {
  return simulator.runWithFile('invoice', query, {
    name: 'invoice.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(TWO_TOTALS),
  });
}

/** The person's messages as the simulator keeps the conversation, after the opening request. */
async function personReplies(simulator: SimulatorHandle, taskId: string): Promise<unknown[]> {
  const response = await simulator.api(`/tasks/${taskId}/messages`);
  const { data } = (await response.json()) as { data: { role: string; content: unknown }[] };
  return data
    .filter((message) => message.role === 'user')
    .slice(1)
    .map((m) => m.content);
}

/** Serious or critical axe violations inside `selector`. */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help}`);
}

async function messagePosts(simulator: SimulatorHandle, taskId: string) {
  return simulator.requests({ path: `/api/v1/tasks/${taskId}/message`, method: 'POST' });
}

interface ReviewStep {
  type?: string;
  arguments?: { to: string; subject: string };
  output?: unknown;
}

/** The reviewer's latest review step, as the simulator's trace holds it. */
async function reviewStep(simulator: SimulatorHandle, taskId: string): Promise<ReviewStep> {
  const response = await simulator.api(`/tasks/${taskId}/result`);
  const { feed } = (await response.json()) as { feed: ReviewStep[] };
  const step = feed.findLast((item) => item.type === 'review');
  if (!step) throw new Error('no review step in the trace');
  return step;
}

/** The arguments of the reviewer's pending `send_email` step: its recipient and subject. */
async function proposedEmail(simulator: SimulatorHandle, taskId: string) {
  const step = await reviewStep(simulator, taskId);
  if (!step.arguments) throw new Error('the review step has no arguments');
  return step.arguments;
}

test('answers two waiting tasks from Needs you on /tasks: one typed, one with a suggested reply', async ({
  page,
  tasks,
  act,
  simulator,
}) => {
  const typed = await invoiceRun(simulator, 'Total of the March invoice');
  const suggested = await invoiceRun(simulator, 'Total of the April invoice');
  await tasks.open('/tasks');

  await expect(act.item('Total of the March invoice')).toBeVisible({ timeout: 20_000 });
  const march = await act.expand('Total of the March invoice');
  await expect(march).toContainText('505.51');
  await expect(march).toContainText('520.00');
  await expect(march.getByRole('group', { name: 'Suggested replies' })).toBeVisible();
  expect(await seriousViolations(page, '[aria-label="Needs you"]')).toEqual([]);
  await march.getByRole('textbox', { name: 'Reply' }).fill('520.00');
  await march.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(act.item('Total of the March invoice')).toHaveCount(0, { timeout: 20_000 });

  await expect(act.item('Total of the April invoice')).toBeVisible({ timeout: 20_000 });
  const april = await act.expand('Total of the April invoice');
  const suggestions = april.getByRole('group', { name: 'Suggested replies' });
  await expect(suggestions.getByRole('button')).toHaveText(['first', 'second']);
  await suggestions.getByRole('button', { name: 'second', exact: true }).click();
  await expect(act.item('Total of the April invoice')).toHaveCount(0, { timeout: 20_000 });

  // Never left the list; each task got its one message and went on to completion.
  await expect(page).toHaveURL(/\/tasks$/);
  expect(await personReplies(simulator, typed)).toEqual(['520.00']);
  expect(await personReplies(simulator, suggested)).toEqual(['second']);
  expect(await messagePosts(simulator, typed)).toHaveLength(1);
  expect(await messagePosts(simulator, suggested)).toHaveLength(1);
  for (const taskId of [typed, suggested]) {
    await expect
      .poll(async () => (await simulator.task(taskId)).status, { timeout: 20_000 })
      .toBe('completed');
  }
  await expect(act.needsYou).toContainText('Nothing needs you right now.');
});

test('a waiting task’s Summary offers the question, the reply and the way to its Conversation', async ({
  page,
  act: _,
  simulator,
}) => {
  const taskId = await invoiceRun(simulator, 'Total of the May invoice');
  await expect
    .poll(async () => (await simulator.task(taskId)).status, { timeout: 20_000 })
    .toBe('waiting_for_input');
  await page.goto(`/tasks/${taskId}`);

  const conversationTab = page.getByRole('tab', { name: 'Conversation', exact: true });
  await expect(conversationTab).toHaveAccessibleDescription('Waiting for your answer');
  const summary = page.getByRole('tabpanel', { name: 'Summary' });
  await expect(summary).toContainText('The agent asks');
  await expect(summary).toContainText('505.51');
  await expect(summary.getByRole('group', { name: 'Suggested replies' })).toBeVisible();

  await summary.getByRole('link', { name: 'Open the Conversation tab' }).click();
  await expect(conversationTab).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(new RegExp(`/tasks/${taskId}\\?tab=conversation$`));

  await page.getByRole('tab', { name: 'Summary' }).click();
  await summary.getByRole('textbox', { name: 'Reply' }).fill('the first one');
  await summary.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(
    page.getByRole('tab', { name: 'Conversation', exact: true }),
  ).not.toHaveAccessibleDescription('Waiting for your answer', { timeout: 20_000 });
  expect(await personReplies(simulator, taskId)).toEqual(['the first one']);
});

test('approves a review having seen its recipient and subject on the Review card', async ({
  page,
  tasks,
  act,
  simulator,
}) => {
  // What the console sends to decide a review (the simulator's own log leaves control routes out).
  const decisions: { taskId: string | undefined; body: unknown }[] = [];
  page.on('request', (request) => {
    const decided = /\/simulator\/tasks\/([^/]+)\/review$/.exec(request.url());
    if (request.method() === 'POST' && decided) {
      decisions.push({ taskId: decided[1], body: request.postDataJSON() });
    }
  });
  const fromList = await simulator.run('reviewer', 'Email ann@example.com about the renewal');
  await tasks.open('/tasks');
  await expect(act.item(/Email ann@example.com/)).toBeVisible({ timeout: 20_000 });
  const email = await proposedEmail(simulator, fromList);
  expect(email.to).toBe('ann@example.com');

  const item = await act.expand(/Email ann@example.com/);
  const card = act.review(item);
  await expect(card).toContainText('send_email');
  await expect(card).toContainText(email.to);
  await expect(card).toContainText(email.subject);
  expect(await seriousViolations(page, '[aria-label="Needs you"]')).toEqual([]);
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(act.item(/Email ann@example.com/)).toHaveCount(0, { timeout: 20_000 });
  await expect
    .poll(async () => (await simulator.task(fromList)).status, { timeout: 20_000 })
    .toBe('completed');
  await expect(page).toHaveURL(/\/tasks$/);

  // On the task page, the same card sits in its header.
  const onPage = await simulator.run('reviewer', 'Email bob@example.com about the price rise');
  await page.goto(`/tasks/${onPage}`);
  const header = act.review();
  await expect(header).toBeVisible({ timeout: 20_000 });
  const second = await proposedEmail(simulator, onPage);
  await expect(header).toContainText('bob@example.com');
  await expect(header).toContainText(second.subject);
  await header.getByRole('button', { name: 'Approve' }).click();
  await expect(tasks.status('Completed')).toBeVisible({ timeout: 20_000 });
  await expect(header).toBeHidden();

  // One decision per task went out, and the simulator recorded each on its review step.
  expect(decisions).toEqual([
    { taskId: fromList, body: { decision: 'approve' } },
    { taskId: onPage, body: { decision: 'approve' } },
  ]);
  for (const taskId of [fromList, onPage]) {
    expect((await reviewStep(simulator, taskId)).output).toMatchObject({ decision: 'approved' });
  }
});
