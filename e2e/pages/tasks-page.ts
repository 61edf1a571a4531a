import { expect, type Locator, type Page } from '@playwright/test';

/** `/tasks` and `/tasks/:id`. Locators follow ../shared/design/ui-contract.md. */
export class TasksPage {
  readonly list: Locator;
  readonly needsYou: Locator;
  readonly statusFilter: Locator;
  readonly agentFilter: Locator;
  readonly search: Locator;
  readonly taskIdField: Locator;
  readonly heading: Locator;
  readonly cancelTask: Locator;
  readonly offlineBanner: Locator;
  /** The header's connection indicator. */
  readonly backend: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Tasks' });
    this.needsYou = page.getByRole('region', { name: 'Needs you' });
    this.statusFilter = page.getByRole('group', { name: 'Status' });
    this.agentFilter = page.getByRole('combobox', { name: 'Filter by agent' });
    this.search = page.getByRole('searchbox', { name: 'Search tasks' });
    this.taskIdField = page.getByRole('textbox', { name: 'Task ID' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.cancelTask = page.getByRole('button', { name: 'Cancel task' });
    this.offlineBanner = page.getByRole('alert').filter({ hasText: /Offline|Reconnecting/ });
    this.backend = page.getByRole('status', { name: /^Backend/ });
  }

  async open(path = '/tasks'): Promise<void> {
    await this.page.goto(path);
    await expect(this.heading).toBeVisible();
  }

  /** The list row of a task, found by its title (or query). */
  row(name: string | RegExp): Locator {
    return this.list.getByRole('listitem').filter({ hasText: name });
  }

  /** The status shown on the task page, under its heading. */
  status(label: string): Locator {
    return this.page.getByRole('main').getByText(label, { exact: true }).first();
  }
}
