import type { Locator, Page } from '@playwright/test';

/** The frame around every view: navigation and the connection indicator. */
export class AppShell {
  readonly nav: Locator;
  readonly newRunLink: Locator;
  readonly tasksLink: Locator;
  readonly connection: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.newRunLink = this.nav.getByRole('link', { name: 'New run' });
    this.tasksLink = this.nav.getByRole('link', { name: 'Tasks' });
    // The indicator is the status region inside the page header (the `banner` landmark).
    this.connection = page.getByRole('banner').getByRole('status');
  }

  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
  }
}
