import { expect, type Locator, type Page } from '@playwright/test';

/** `/compare?a=…&b=…`. Locators follow ../shared/design/ui-contract.md (section Compare). */
export class ComparePage {
  readonly heading: Locator;
  readonly left: Locator;
  readonly right: Locator;
  readonly differences: Locator;
  readonly onlyDifferences: Locator;
  readonly counts: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Compare tasks' });
    this.left = page.getByRole('region', { name: /^Left:/ });
    this.right = page.getByRole('region', { name: /^Right:/ });
    this.differences = page.getByRole('table', { name: 'Differences' });
    this.onlyDifferences = page.getByRole('checkbox', { name: 'Only differences' });
    this.counts = page.getByLabel('Field counts');
  }

  async open(a: string, b: string): Promise<void> {
    await this.page.goto(`/compare?${new URLSearchParams({ a, b }).toString()}`);
    await expect(this.heading).toBeVisible();
  }

  /** The row of a field, by its exact path. */
  row(path: string): Locator {
    return this.differences
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: path, exact: true }) });
  }

  /** The cells of a field's row as text: path, left, right, change. */
  async cells(path: string): Promise<string[]> {
    await expect(this.row(path)).toBeVisible({ timeout: 15_000 });
    return this.row(path).getByRole('cell').allInnerTexts();
  }
}
