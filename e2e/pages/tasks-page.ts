import { expect, type Locator, type Page } from '@playwright/test';

/** The status labels of ../shared/design/ui-contract.md, one per API status. */
export const STATUS_LABELS = [
  'Pending',
  'Queued',
  'Running',
  'Waiting for input',
  'Awaiting review',
  'Completed',
  'Failed',
  'Stopped',
] as const;

/** One row of the task list as it was rendered. */
export interface ListedRow {
  /** 1-based position in the list (`aria-posinset`). */
  position: number;
  href: string;
  name: string;
  /** The status label the row shows; `Unknown…`/`No status` too, null while it is read. */
  status: string | null;
}

/** What one look at the list's scroll box found (run in the page). */
interface ListView {
  rows: ListedRow[];
  covered: boolean;
  /** `aria-setsize` of the rows: -1 while more pages remain to be read. */
  setSize: number | null;
  scrollTop: number;
  clientHeight: number;
  scrollHeight: number;
}

/** `/tasks` and `/tasks/:id`. Locators follow ../shared/design/ui-contract.md. */
export class TasksPage {
  readonly list: Locator;
  readonly needsYou: Locator;
  /** The status multi-select (a `combobox` opening a `listbox` of the statuses with counts). */
  readonly statusFilter: Locator;
  /** Its options, while it is open. */
  readonly statusOptions: Locator;
  /** `Filters (n)`: on a phone, what shows the status, agent and date filters. */
  readonly filtersToggle: Locator;
  readonly dateFilter: Locator;
  /** The checkbox that selects every shown row, and the bar acting on the selection. */
  readonly selectAll: Locator;
  readonly bulkBar: Locator;
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
    this.statusFilter = page.getByRole('combobox', { name: 'Status' });
    this.statusOptions = page.getByRole('listbox', { name: 'Status' }).getByRole('option');
    this.filtersToggle = page.getByRole('button', { name: /^Filters/ });
    this.dateFilter = page.getByRole('button', { name: /^Created/ });
    this.selectAll = page.getByRole('checkbox', { name: /^Select all \d+ shown tasks$/ });
    this.bulkBar = page.getByRole('group', { name: 'Selected tasks' });
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

  /** A status in the open status filter, e.g. `Failed` (its name is the label and its count). */
  statusOption(label: string): Locator {
    return this.page
      .getByRole('listbox', { name: 'Status' })
      .getByRole('option', { name: new RegExp(`^${label}\\b`) });
  }

  /** Opens the status filter, checks exactly `labels`, and closes it with Escape. */
  async filterStatuses(labels: readonly string[]): Promise<void> {
    await this.statusFilter.click();
    for (const label of STATUS_LABELS) {
      const option = this.statusOption(label);
      const selected = (await option.getAttribute('aria-selected')) === 'true';
      if (selected !== labels.includes(label)) await option.click();
    }
    await this.page.keyboard.press('Escape');
    await expect(this.statusOptions.first()).toBeHidden();
  }

  /** A row's checkbox, by the task's title (its name is `Select <title>`). */
  rowCheckbox(title: string): Locator {
    return this.list.getByRole('checkbox', { name: `Select ${title}`, exact: true });
  }

  /** A row's one link, by the task's exact title. */
  link(title: string): Locator {
    return this.list.getByRole('link', { name: title, exact: true });
  }

  /**
   * Scrolls the list's box (the list's parent: the list is virtualized) to `top` (px; past the
   * end means the end), waits until the rows in view are rendered, and returns them.
   */
  private async look(top: number): Promise<ListView> {
    return this.list.evaluate(
      async (list, { top, labels }) => {
        const box = list.parentElement as HTMLElement;
        box.scrollTop = top;
        const read = (): ListView => {
          const items = [...list.querySelectorAll<HTMLElement>('[role=listitem]')];
          const boxRect = box.getBoundingClientRect();
          const listRect = list.getBoundingClientRect();
          const from = Math.max(boxRect.top, listRect.top);
          const to = Math.min(boxRect.bottom, listRect.bottom);
          const rects = items.map((item) => item.getBoundingClientRect());
          const covered =
            items.length > 0 &&
            Math.min(...rects.map((rect) => rect.top)) <= from + 1 &&
            Math.max(...rects.map((rect) => rect.bottom)) >= to - 1;
          const rows = items.map((item) => {
            const link = item.querySelector('a');
            const name = link?.textContent ?? '';
            // The row's text without its title: agent, status, times.
            const rest = (item.textContent ?? '').replace(name, '');
            const status =
              labels.find((label) => rest.includes(label)) ??
              /Unknown[^:]*|No status/.exec(rest)?.[0] ??
              null;
            return {
              position: Number(item.getAttribute('aria-posinset')),
              href: link?.getAttribute('href') ?? '',
              name,
              status,
            };
          });
          return {
            rows,
            covered,
            setSize: items[0] ? Number(items[0].getAttribute('aria-setsize')) : null,
            scrollTop: box.scrollTop,
            clientHeight: box.clientHeight,
            scrollHeight: box.scrollHeight,
          };
        };
        // The virtualizer renders the new window a frame or two after the scroll.
        for (let frame = 0; frame < 120; frame++) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
          const view = read();
          if (view.covered) return view;
        }
        return read();
      },
      { top, labels: [...STATUS_LABELS] },
    );
  }

  /** Scrolls to the end until every page is read: the rows then say how many there are. */
  async loadAll(total: number, timeout = 30_000): Promise<void> {
    await expect
      .poll(async () => (await this.look(Number.MAX_SAFE_INTEGER)).setSize, {
        timeout,
        message: `the list reads all ${total} rows`,
      })
      .toBe(total);
    // The last page made the list longer: scroll to its new end, where the oldest rows are.
    await this.look(Number.MAX_SAFE_INTEGER);
  }

  async scrollToTop(): Promise<void> {
    await this.look(0);
  }

  /**
   * Scrolls through the whole list, top to bottom a box's height at a time, and returns every
   * row it rendered, once each, in list order.
   */
  async collectRows(): Promise<ListedRow[]> {
    const seen = new Map<number, ListedRow>();
    let top = 0;
    for (let step = 0; step < 1_000; step++) {
      const view = await this.look(top);
      if (!view.covered) throw new Error(`rows at ${top}px never rendered`);
      for (const row of view.rows) seen.set(row.position, row);
      if (view.scrollTop + view.clientHeight >= view.scrollHeight - 1) break;
      top = view.scrollTop + view.clientHeight;
    }
    return [...seen.values()].sort((a, b) => a.position - b.position);
  }

  /** The status shown on the task page, under its heading. */
  status(label: string): Locator {
    return this.page.getByRole('main').getByText(label, { exact: true }).first();
  }
}
