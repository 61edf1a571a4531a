import { expect, type Locator, type Page } from '@playwright/test';

/** `/batches/:id`: a batch's files and their tasks. Locators follow ui-contract.md (Batches). */
export class BatchPage {
  readonly progress: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly retryFailed: Locator;
  readonly cancelRemaining: Locator;
  readonly downloadCsv: Locator;
  readonly downloadJson: Locator;

  constructor(readonly page: Page) {
    this.progress = page.getByRole('progressbar', { name: 'Batch progress' });
    this.table = page.getByRole('table', { name: 'Batch tasks' });
    this.rows = this.table.getByRole('rowgroup').last().getByRole('row');
    this.retryFailed = page.getByRole('button', { name: 'Retry failed' });
    this.cancelRemaining = page.getByRole('button', { name: 'Cancel remaining' });
    this.downloadCsv = page.getByRole('button', { name: 'Download CSV' });
    this.downloadJson = page.getByRole('button', { name: 'Download JSON' });
  }

  /** The row of a file, by its name. */
  row(fileName: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('rowheader', { name: fileName }) });
  }

  /** The id of the task a row links to as its current one. */
  async currentTaskId(fileName: string): Promise<string> {
    const href = await this.row(fileName)
      .getByRole('cell')
      .first()
      .getByRole('link')
      .first()
      .getAttribute('href');
    expect(href).toMatch(/^\/tasks\//);
    return decodeURIComponent((href ?? '').replace('/tasks/', ''));
  }

  /** Waits for the page the console lands on after a batch's Run; returns the batch's id. */
  async landed(): Promise<string> {
    await this.page.waitForURL(/\/batches\/[0-9a-f-]{36}$/);
    await expect(this.table).toBeVisible();
    return this.page.url().split('/').pop() ?? '';
  }

  /**
   * Writes a batch into this origin's IndexedDB as the console keeps one (a batch another tab or
   * an earlier visit left), one started task per file; the page must be on the console's origin.
   */
  async store(batch: {
    id: string;
    agentId: string;
    agentName: string;
    createdAt: number;
    files: { name: string; taskId: string }[];
  }): Promise<void> {
    const record = {
      v: 1,
      batch: {
        id: batch.id,
        agentId: batch.agentId,
        agentName: batch.agentName,
        createdAt: batch.createdAt,
        query: 'Stored by the test',
        files: batch.files.map((file, index) => ({
          key: String(index),
          name: file.name,
          size: 1,
          type: 'text/csv',
          taskIds: [file.taskId],
          start: { state: 'started' },
        })),
      },
    };
    await this.page.evaluate(
      ({ id, value }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('agent-console-batches');
          open.onupgradeneeded = () => open.result.createObjectStore('batches');
          open.onerror = () => reject(open.error ?? new Error('IndexedDB did not open'));
          open.onsuccess = () => {
            const tx = open.result.transaction('batches', 'readwrite');
            tx.objectStore('batches').put(value, id);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
          };
        }),
      { id: batch.id, value: record },
    );
  }

  /** Clicks `button` and returns the downloaded file's name and text. */
  async download(button: Locator): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    const { readFile } = await import('node:fs/promises');
    return {
      name: download.suggestedFilename(),
      text: await readFile(await download.path(), 'utf8'),
    };
  }
}
