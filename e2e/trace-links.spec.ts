/** Links to a step of the trace, at 1440×900: "See step N in the trace" on a failed task, an
 *  in-page `#step-N`, and `#step-5000` of the 10,000-step trace each land with the step in view,
 *  expanded and focused; Home/End keep the focused step in view; failed tool calls are marked. */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TraceTab } from './pages/task-result';
import type { SimulatorHandle } from './simulator';

test.use({ viewport: { width: 1440, height: 900 } });

const MAX_STEP_ELEMENTS = 200;

async function waitForStatus(simulator: SimulatorHandle, taskId: string, status: string) {
  await expect
    .poll(async () => (await simulator.task(taskId)).status, { timeout: 30_000 })
    .toBe(status);
}

/** In view, focused and expanded: what a step link promises. */
async function expectLanded(page: Page, step: Locator): Promise<void> {
  await expect(step).toBeFocused();
  await expect(step).toBeInViewport();
  await expect(step.getByRole('button', { name: 'Collapse' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  // The page itself shows it, not only the list's own scroll box.
  const box = await step.boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport && box.y >= 0 && box.y + 24 <= viewport.height).toBe(true);
}

test('"See step N in the trace" and an in-page link land on the step, expanded and focused', async ({
  page,
  simulator,
}) => {
  const traceTab = new TraceTab(page);
  const taskId = await simulator.run('failing', 'Sync account ACME-001');
  await waitForStatus(simulator, taskId, 'failed');

  await page.goto(`/tasks/${taskId}`);
  const link = page.getByRole('link', { name: /^See step \d+ in the trace$/ });
  const number = Number(/\d+/.exec((await link.textContent()) ?? '')?.[0]);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`\\?tab=trace#step-${number}$`));
  const failedStep = traceTab.step(number);
  await expectLanded(page, failedStep);
  await expect(failedStep).toContainText('Error');

  // The tool call that met a 502 is marked as failed, and counted beside the timeline.
  const gateway = traceTab.items.filter({ hasText: '502' }).filter({ hasText: 'Tool call' });
  await expect(gateway).toContainText('failed');
  await expect(page.getByRole('button', { name: '1 failed tool call' })).toBeVisible();

  // An in-page link (a hashchange, no reload) to the first step does the same.
  await page.evaluate(() => {
    window.location.hash = '#step-1';
  });
  await expectLanded(page, traceTab.step(1));
  await expect(failedStep).not.toBeFocused();

  // Row actions stay quiet until a row is hovered or focused.
  await page.mouse.move(0, 0);
  const quiet = traceTab.step(3);
  // The buttons' group fades, not each button.
  const actions = quiet.getByRole('button', { name: 'Copy step' }).locator('..');
  await expect(actions).toHaveCSS('opacity', '0');
  await quiet.hover();
  await expect(actions).toHaveCSS('opacity', '1');

  // The search box shows its whole placeholder.
  const search = traceTab.search;
  const fits = await search.evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d');
    if (!context) return false;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room =
      input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    return context.measureText(input.placeholder).width <= room;
  });
  expect(fits).toBe(true);
});

test('#step-5000 of the 10,000-step trace lands in view, expanded and focused; Home/End keep focus in view', async ({
  page,
  simulator,
}) => {
  test.setTimeout(60_000);
  const traceTab = new TraceTab(page);
  const taskId = await simulator.run('long-trace', 'Research heat pumps');
  await waitForStatus(simulator, taskId, 'completed');

  await traceTab.open(taskId, '#step-5000');
  await expectLanded(page, traceTab.step(5000));
  expect(await traceTab.renderedSteps()).toBeLessThanOrEqual(MAX_STEP_ELEMENTS);

  await page.keyboard.press('End');
  const items = traceTab.items;
  const last = items.last();
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await expect(last).toContainText('Task complete');
  expect(await traceTab.renderedSteps()).toBeLessThanOrEqual(MAX_STEP_ELEMENTS);

  await page.keyboard.press('Home');
  await expect(traceTab.step(1)).toBeFocused();
  await expect(traceTab.step(1)).toBeInViewport();
  await page.keyboard.press('j');
  await expect(traceTab.step(2)).toBeFocused();
  await expect(traceTab.step(2)).toBeInViewport();
});
