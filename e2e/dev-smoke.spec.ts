/** The one journey on the development server (`npm run dev`): the rest of the suite runs against
 *  the production build. It proves the dev server still serves the app through the proxy to the
 *  simulator, with StrictMode's development checks on, and that a run starts exactly one task. */
import { expect, test } from './fixtures';

test('npm run dev: the dev server serves the app, lists agents and starts one task', async ({
  page,
  shell,
  newRun,
  simulator,
}) => {
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));

  await newRun.open();
  await expect(shell.connection).toHaveText(/Simulator/);
  await newRun.chooseAgent('ledger', 'Ledger Sync');
  await newRun.query.fill('Reconcile account ACME-002.');
  await newRun.run.click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);

  const runs = await simulator.requests({ path: '/api/v1/agents/', method: 'POST' });
  expect(runs.filter((request) => request.path.endsWith('/run'))).toHaveLength(1);

  // The query devtools open on Alt+Shift+Q, and (now loaded) put no button of theirs in the
  // tab order.
  await page.keyboard.press('Alt+Shift+KeyQ');
  await expect(page.locator('.tsqd-main-panel')).toBeVisible();
  await expect(page.locator('.tsqd-open-btn')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
