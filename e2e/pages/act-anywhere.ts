import type { Locator, Page } from '@playwright/test';

/**
 * Acting on a task where the person is (ui-contract.md, "Acting from anywhere"): a row of
 * `Needs you` opened in place, and the `Review` card.
 */
export class ActAnywhere {
  readonly needsYou: Locator;

  constructor(readonly page: Page) {
    this.needsYou = page.getByRole('region', { name: 'Needs you' });
  }

  /** The `Needs you` item whose title link matches `title`. */
  item(title: string | RegExp): Locator {
    return this.needsYou
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('link', { name: title }) });
  }

  /** Opens an item in place (`Answer` or `Show review`) and returns it. */
  async expand(title: string | RegExp): Promise<Locator> {
    const item = this.item(title);
    await item.getByRole('button', { name: /^(Answer|Show review)$/ }).click();
    return item;
  }

  /** The `Review` card inside `scope` (the page, or an item of `Needs you`). */
  review(scope: Page | Locator = this.page): Locator {
    return scope.getByRole('region', { name: 'Review' });
  }
}
