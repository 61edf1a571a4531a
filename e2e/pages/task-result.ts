import { expect, type Locator, type Page } from '@playwright/test';

/** The Summary tab of `/tasks/:id`. Locators follow ../shared/design/ui-contract.md. */
export class SummaryTab {
  readonly tab: Locator;
  readonly answer: Locator;
  /** The region around non-tabular extracted data (an object such as an invoice). */
  readonly extracted: Locator;
  readonly downloadJson: Locator;
  readonly downloadCsv: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'Summary' });
    this.answer = page.getByRole('region', { name: 'Answer', exact: true });
    this.extracted = page.getByRole('region', { name: 'Extracted data' });
    this.downloadJson = page.getByRole('button', { name: 'Download JSON' });
    this.downloadCsv = page.getByRole('button', { name: 'Download CSV' });
  }

  /** A table inside the extracted data, by its key (`line_items`). */
  table(name: string): Locator {
    return this.extracted.getByRole('table', { name, exact: true });
  }

  /** Clicks `button` and returns the downloaded file's name and text. */
  async download(button: Locator): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }
}

/** The Trace tab of `/tasks/:id`. */
export class TraceTab {
  readonly tab: Locator;
  readonly steps: Locator;
  readonly items: Locator;
  readonly search: Locator;
  readonly stepTypes: Locator;
  readonly lastStep: Locator;
  readonly downloadTrace: Locator;
  /** The divider above the steps that landed after the person stopped the task. */
  readonly afterStop: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'Trace' });
    this.steps = page.getByRole('list', { name: 'Trace steps' });
    this.items = this.steps.getByRole('listitem');
    this.search = page.getByRole('searchbox', { name: 'Search trace' });
    this.stepTypes = page.getByRole('group', { name: 'Step types' });
    this.lastStep = page.getByRole('button', { name: 'Last step' });
    this.downloadTrace = page.getByRole('button', { name: 'Download trace' });
    this.afterStop = this.steps.getByRole('separator', { name: /^After the stop/ });
  }

  async open(taskId: string, hash = ''): Promise<void> {
    await this.page.goto(`/tasks/${taskId}?tab=trace${hash}`);
    await expect(this.items.first()).toBeVisible({ timeout: 15_000 });
  }

  /** The step numbered `n` (1-based, as the trace shows it). */
  step(n: number): Locator {
    return this.items.filter({ hasText: new RegExp(`^#${n}\\D`) });
  }

  /** The match count beside the search box (`3 of 12 matches`, `No matches`). */
  get matchCount(): Locator {
    return this.page.getByRole('status').filter({ hasText: /match/ });
  }

  /** Step elements in the page right now (the list is virtualized). */
  async renderedSteps(): Promise<number> {
    return this.items.count();
  }
}
