/** Stopping a task (issue 15): focus around `Cancel task`, the step in flight at the stop landing
 *  after an `After the stop` divider, and the trace toolbar staying on screen over 10,000 steps. */
import type { Page } from '@playwright/test';
import { TWO_TOTALS } from './documents';
import { expect, test } from './fixtures';
import { TraceTab } from './pages/task-result';
import type { SimulatorHandle } from './simulator';

interface FeedItem {
  type: string;
  name: string | null;
  created_at: string;
}

async function feedOf(simulator: SimulatorHandle, taskId: string): Promise<FeedItem[]> {
  const body = (await (await simulator.api(`/tasks/${taskId}/result`)).json()) as {
    feed: FeedItem[];
  };
  return body.feed;
}

/** The stop this browser recorded for the task (ISO time), as the trace reads it. */
async function recordedStop(page: Page, taskId: string): Promise<string | undefined> {
  return page.evaluate((id) => {
    const stored = JSON.parse(localStorage.getItem('agent-console:task-stops') ?? '{}') as {
      tasks?: Record<string, string>;
    };
    return stored.tasks?.[id];
  }, taskId);
}

test.use({ viewport: { width: 1440, height: 900 } });

test('Cancel task: focus back on the button when dismissed, on the task heading once it took', async ({
  page,
  simulator,
  tasks,
}) => {
  // Two totals: the Invoice Extractor stops to ask which, so the task stays live for sure.
  const taskId = await simulator.runWithFile('invoice', 'Extract this invoice', {
    name: 'two-totals.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(TWO_TOTALS),
  });
  await expect.poll(async () => (await simulator.task(taskId)).status).toBe('waiting_for_input');
  await tasks.open(`/tasks/${taskId}`);

  // Dismissed, by Escape or by "Keep it running": focus is back on the button, nothing sent.
  const dialog = page.getByRole('dialog', { name: 'Cancel this task?' });
  await tasks.cancelTask.click();
  await expect(dialog.getByRole('button', { name: 'Keep it running' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(tasks.cancelTask).toBeFocused();
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Keep it running' }).click();
  await expect(dialog).toBeHidden();
  await expect(tasks.cancelTask).toBeFocused();
  expect(await simulator.requests({ path: `/api/v1/tasks/${taskId}/cancel` })).toEqual([]);

  // Confirmed: the task stops, the button goes, and focus is on the task's heading.
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Cancel task' }).click();
  await expect(tasks.status('Stopped')).toBeVisible();
  await expect(tasks.cancelTask).toHaveCount(0);
  await expect(tasks.heading).toBeFocused();
  expect(await simulator.requests({ path: `/api/v1/tasks/${taskId}/cancel` })).toHaveLength(1);
  expect((await simulator.task(taskId)).status).toBe('stopped');

  // Nothing was in flight: no step landed after the stop, and the trace has no divider.
  const traceTab = new TraceTab(page);
  await traceTab.tab.click();
  await expect(traceTab.items.first()).toBeVisible();
  await expect(traceTab.afterStop).toHaveCount(0);
});

test('a step that landed after the stop comes after an "After the stop" divider', async ({
  page,
  simulator,
  tasks,
}) => {
  const traceTab = new TraceTab(page);
  // The app is loaded first: the Deep Researcher works for only ~10 s at the suite's clock, and
  // whenever it is stopped, one of its searches is in flight.
  await tasks.open('/tasks');
  const taskId = await simulator.run('researcher', 'Research heat pumps');
  await page.goto(`/tasks/${taskId}`);
  await tasks.cancelTask.click();
  await page
    .getByRole('dialog', { name: 'Cancel this task?' })
    .getByRole('button', { name: 'Cancel task' })
    .click();
  await expect(tasks.status('Stopped')).toBeVisible();
  await expect(tasks.heading).toBeFocused();

  // The search that was running when the task stopped still lands, after the stop.
  const stop = await recordedStop(page, taskId);
  expect(stop).toBeDefined();
  const stoppedAt = Date.parse(stop ?? '');
  await expect
    .poll(async () => Date.parse((await feedOf(simulator, taskId)).at(-1)?.created_at ?? ''), {
      timeout: 10_000,
    })
    .toBeGreaterThan(stoppedAt);
  const feed = await feedOf(simulator, taskId);
  const late = feed.filter((item) => Date.parse(item.created_at) > stoppedAt);
  expect(late).toHaveLength(1);
  // A work product (the opening message, or a search): never an answer after a stop.
  expect(['message', 'tool_call']).toContain(late[0]?.type);

  // A finished task is not read again by itself: open its trace afresh.
  await traceTab.open(taskId);
  await expect(page.getByText(`${feed.length} steps, 1 of them after the stop`)).toBeVisible();
  // The divider sits in the last step, the one that landed late (below the fold: the list only
  // renders what is near the screen), and in no other.
  await traceTab.lastStep.click();
  const lastStep = traceTab.step(feed.length);
  await expect(lastStep).toBeInViewport();
  await expect(
    lastStep.getByRole('separator', { name: /^After the stop at \d\d:\d\d:\d\d$/ }),
  ).toBeVisible();
  await expect(traceTab.afterStop).toHaveCount(1);
  await expect(lastStep).toContainText(late[0]?.type === 'message' ? 'Message' : 'Tool call');
  await expect(traceTab.step(feed.length - 1).getByRole('separator')).toHaveCount(0);
});

test('the trace toolbar stays on screen while the page scrolls through 10,000 steps', async ({
  page,
  simulator,
}) => {
  test.setTimeout(60_000);
  const traceTab = new TraceTab(page);
  const taskId = await simulator.run('long-trace', 'Research heat pumps');
  await expect
    .poll(async () => (await simulator.task(taskId)).status, { timeout: 30_000 })
    .toBe('completed');
  await traceTab.open(taskId);

  // One scroll area: the page scrolls, not a box inside it.
  const before = await page.evaluate(() => window.scrollY);
  await traceTab.step(3).hover();
  await page.mouse.wheel(0, 4_000);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before + 2_000);
  await expect(traceTab.search).toBeInViewport();
  const box = await traceTab.search.boundingBox();
  expect(box && box.y >= 0 && box.y < 40).toBe(true);
  await expect(page.getByRole('button', { name: 'Last step' })).toBeInViewport();
  expect(await traceTab.renderedSteps()).toBeLessThanOrEqual(200);

  // The steps under the toolbar are the ones scrolled to, not the first ones.
  await expect(traceTab.step(1)).toHaveCount(0);

  // Searching from there brings the match into view below the toolbar.
  await traceTab.search.fill('note-1234"');
  await traceTab.search.press('Enter');
  await expect(traceTab.matchCount).toHaveText('1 of 1 match');
  const match = traceTab.items.filter({ hasText: 'note-1234' });
  await expect(match).toBeInViewport();
  const toolbarBottom = await page
    .getByRole('group', { name: 'Step types' })
    .evaluate((group) => group.getBoundingClientRect().bottom);
  const matchTop = (await match.boundingBox())?.y ?? -1;
  expect(matchTop).toBeGreaterThanOrEqual(toolbarBottom);
  expect(await traceTab.renderedSteps()).toBeLessThanOrEqual(200);
});

test('on a phone the toolbar is the search row, with the rest behind Filters', async ({
  page,
  simulator,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const traceTab = new TraceTab(page);
  const taskId = await simulator.run('long-trace', 'Research heat pumps');
  await expect
    .poll(async () => (await simulator.task(taskId)).status, { timeout: 30_000 })
    .toBe('completed');
  await traceTab.open(taskId);

  await expect(traceTab.stepTypes).toBeHidden();
  await page.mouse.move(200, 700);
  await page.mouse.wheel(0, 3_000);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1_500);
  await expect(traceTab.search).toBeInViewport();
  const filters = page.getByRole('button', { name: 'Filters' });
  await expect(filters).toHaveAttribute('aria-expanded', 'false');
  await filters.click();
  await expect(traceTab.stepTypes).toBeInViewport();
  await expect(page.getByRole('checkbox', { name: 'Matching steps only' })).toBeVisible();
});
