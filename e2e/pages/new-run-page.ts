import type { Locator, Page } from '@playwright/test';

/** The `/` route. Until the run form lands it lists the workspace's agents. */
export class NewRunPage {
  readonly heading: Locator;
  readonly agents: Locator;
  readonly loadMore: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'New run' });
    this.agents = page.getByRole('list', { name: 'Agents' });
    this.loadMore = page.getByRole('button', { name: 'Load more' });
  }

  agent(name: string): Locator {
    return this.agents.getByRole('listitem').filter({ hasText: name });
  }

  async open(): Promise<void> {
    await this.page.goto('/');
  }
}
