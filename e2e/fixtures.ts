/** `test` for every journey: page objects plus a simulator handle, with the simulator reset before
 *  each test so journeys never see each other's tasks, faults or request logs. */
import { test as base, expect } from '@playwright/test';
import { AppShell } from './pages/app-shell';
import { NewRunPage } from './pages/new-run-page';
import { TasksPage } from './pages/tasks-page';
import { SimulatorHandle } from './simulator';

interface Fixtures {
  simulator: SimulatorHandle;
  shell: AppShell;
  newRun: NewRunPage;
  tasks: TasksPage;
}

export const test = base.extend<Fixtures>({
  // Every journey also proves the app runs under the production server's CSP: a violation
  // (an inline script or style, a foreign source) fails the test that caused it.
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await use(page);
    expect(violations, 'CSP violations in the page').toEqual([]);
  },
  simulator: async ({ playwright }, use) => {
    const request = await playwright.request.newContext();
    const simulator = new SimulatorHandle(request);
    await simulator.reset();
    await use(simulator);
    await request.dispose();
  },
  shell: async ({ page, simulator: _ }, use) => {
    await use(new AppShell(page));
  },
  newRun: async ({ page, simulator: _ }, use) => {
    await use(new NewRunPage(page));
  },
  tasks: async ({ page, simulator: _ }, use) => {
    await use(new TasksPage(page));
  },
});

export { expect };
