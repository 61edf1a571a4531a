import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Batch, BatchFile } from '@/entities/batch/model';
import { createStoredBatch, getStoredBatch } from '@/entities/batch/store';
import { json, stubFetch, type RecordedRequest } from '@/test/fetch-stub';
import { pageFixture } from '@/test/fixtures';
import { renderWithProviders } from '@/test/render';
import { BatchView } from './batch-view';

// jsdom has `<dialog>` but not its methods; the browser's own do the focus trap and Escape.
beforeAll(() => {
  if ('showModal' in HTMLDialogElement.prototype) return;
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.open = true;
    },
    close(this: HTMLDialogElement) {
      if (!this.open) return;
      this.open = false;
      this.dispatchEvent(new Event('close'));
    },
  });
});

let counter = 0;
const created = '2026-05-11T10:00:00Z';

function task(id: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    task_id: id,
    agent_id: 'agent-a',
    status,
    created_at: created,
    updated_at: '2026-05-11T10:00:30Z',
    ...extra,
  };
}

async function storedBatch(files: Omit<BatchFile, 'size' | 'type'>[], name?: string) {
  counter += 1;
  const batch: Batch = {
    id: `batch-view-${counter}`,
    ...(name ? { name } : {}),
    agentId: 'agent-a',
    agentName: 'Invoice Extractor',
    createdAt: Date.parse(created),
    query: 'Extract',
    files: files.map((file) => ({ ...file, size: 3, type: 'text/csv' })),
  };
  await createStoredBatch(
    batch,
    batch.files.map(() => new Blob(['a,b'], { type: 'text/csv' })),
  );
  return batch;
}

const TASKS: Record<string, ReturnType<typeof task>> = {
  done: task('done-task-1', 'completed'),
  live: task('live-task-1', 'running'),
  bad: task('bad-task-01', 'failed'),
  ask: task('ask-task-01', 'waiting_for_input'),
};

function api(extra?: (request: RecordedRequest) => Response | undefined) {
  return stubFetch((request) => {
    const found = extra?.(request);
    if (found) return found;
    const path = request.url.pathname;
    if (path === '/api/v1/tasks') return json(pageFixture(Object.values(TASKS)));
    if (path === '/api/v1/tasks/done-task-1/summary') {
      return json({
        ...TASKS.done,
        result: { extracted_data: { invoice_number: 'INV-1', total: 42, currency: 'EUR' } },
      });
    }
    const id = /^\/api\/v1\/tasks\/([^/]+)$/.exec(path)?.[1];
    const known = Object.values(TASKS).find((t) => t.task_id === id);
    if (known) return json(known);
    return json({ error: 'Task not found' }, { status: 404 });
  });
}

function rowOf(name: string) {
  const table = screen.getByRole('table', { name: 'Batch tasks' });
  const header = within(table).getByRole('rowheader', { name });
  return header.closest('tr') as HTMLElement;
}

describe('BatchView', () => {
  it('shows progress, a row per file with its task, status and extracted data', async () => {
    const { requests } = api();
    const batch = await storedBatch([
      { key: '0', name: 'one.csv', taskIds: ['done-task-1'], start: { state: 'started' } },
      { key: '1', name: 'two.csv', taskIds: ['live-task-1'], start: { state: 'started' } },
      { key: '2', name: 'three.csv', taskIds: ['ask-task-01'], start: { state: 'started' } },
      { key: '3', name: 'four.csv', taskIds: [], start: { state: 'waiting' } },
      {
        key: '4',
        name: 'five.csv',
        taskIds: [],
        start: { state: 'refused', message: 'File too large' },
      },
    ]);
    renderWithProviders(<BatchView batchId={batch.id} pageTitle={() => null} />);

    expect(
      await screen.findByRole('heading', { level: 1, name: /Invoice Extractor/ }),
    ).toBeVisible();
    const bar = await screen.findByRole('progressbar', { name: 'Batch progress' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '2'));
    expect(bar).toHaveAttribute('aria-valuemax', '5');
    expect(screen.getByText('2 of 5 finished')).toBeInTheDocument();

    const one = rowOf('one.csv');
    expect(within(one).getByRole('link', { name: 'Task done-tas' })).toHaveAttribute(
      'href',
      '/tasks/done-task-1',
    );
    expect(within(one).getByText('Completed')).toBeInTheDocument();
    expect(await within(one).findByText('INV-1')).toBeInTheDocument();
    expect(within(rowOf('two.csv')).getByText('Running')).toBeInTheDocument();
    expect(within(rowOf('four.csv')).getByText('Waiting to start')).toBeInTheDocument();
    expect(rowOf('five.csv')).toHaveTextContent('Refused: File too large');

    const needsYou = screen.getByText(/Needs you:/).closest('[role="group"]') as HTMLElement;
    expect(needsYou).toHaveTextContent('Needs you: 1');
    expect(within(needsYou).getByRole('link', { name: 'three.csv' })).toHaveAttribute(
      'href',
      '/tasks/ask-task-01',
    );
    // One walk of the list found every task: no task was read on its own.
    const reads = requests.filter((r) => /^\/api\/v1\/tasks\/[^/]+$/.test(r.url.pathname));
    expect(reads).toEqual([]);
    const walk = requests.find((r) => r.url.pathname === '/api/v1/tasks');
    expect(walk?.url.searchParams.get('agent_id')).toBe('agent-a');
  });

  it('says when the API does not know a task, and the page still works', async () => {
    api((request) =>
      request.url.pathname === '/api/v1/tasks' ? json(pageFixture([TASKS.done])) : undefined,
    );
    const batch = await storedBatch([
      { key: '0', name: 'one.csv', taskIds: ['done-task-1'], start: { state: 'started' } },
      { key: '1', name: 'elsewhere.csv', taskIds: ['other-ws-task'], start: { state: 'started' } },
    ]);
    renderWithProviders(<BatchView batchId={batch.id} pageTitle={() => null} />);
    expect(await within(await findRow('elsewhere.csv')).findByText(/Not found/)).toBeVisible();
    expect(screen.getByRole('progressbar', { name: 'Batch progress' })).toHaveAttribute(
      'aria-valuenow',
      '2',
    );
  });

  it('says when a task could not be read and reads it again on request', async () => {
    let failures = 1;
    api((request) => {
      const path = request.url.pathname;
      if (path === '/api/v1/tasks') return json(pageFixture([]));
      if (path === '/api/v1/tasks/live-task-1' && failures > 0) {
        failures -= 1;
        return json({ error: 'Upstream timed out' }, { status: 504 });
      }
      return undefined;
    });
    const user = userEvent.setup();
    const batch = await storedBatch([
      { key: '0', name: 'two.csv', taskIds: ['live-task-1'], start: { state: 'started' } },
    ]);
    renderWithProviders(<BatchView batchId={batch.id} pageTitle={() => null} />);
    const row = await findRow('two.csv');
    expect(
      await within(row).findByText(/Could not read its state: .*Upstream timed out/),
    ).toBeVisible();
    await user.click(within(row).getByRole('button', { name: 'Read again' }));
    expect(await within(row).findByText('Running')).toBeVisible();
  });

  it('renames from the keyboard: Escape cancels, Enter saves', async () => {
    api();
    const user = userEvent.setup();
    const batch = await storedBatch(
      [{ key: '0', name: 'one.csv', taskIds: ['done-task-1'], start: { state: 'started' } }],
      'March invoices',
    );
    renderWithProviders(<BatchView batchId={batch.id} pageTitle={() => null} />);
    await user.click(await screen.findByRole('button', { name: 'Rename' }));
    const field = screen.getByRole('textbox', { name: 'Batch name' });
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.type(field, 'Never saved{Escape}');
    expect(await screen.findByRole('heading', { level: 1, name: 'March invoices' })).toBeVisible();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Rename' })).toHaveFocus());

    await user.click(screen.getByRole('button', { name: 'Rename' }));
    await user.clear(screen.getByRole('textbox', { name: 'Batch name' }));
    await user.type(screen.getByRole('textbox', { name: 'Batch name' }), 'April invoices{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'April invoices' })).toBeVisible();
    expect((await getStoredBatch(batch.id))?.name).toBe('April invoices');
  });

  it('queues failed files again with Retry failed, keeping the earlier task linked', async () => {
    api((request) =>
      request.method === 'POST' ? json({ error: 'Not now' }, { status: 400 }) : undefined,
    );
    const user = userEvent.setup();
    const batch = await storedBatch([
      { key: '0', name: 'bad.csv', taskIds: ['bad-task-01'], start: { state: 'started' } },
      { key: '1', name: 'one.csv', taskIds: ['done-task-1'], start: { state: 'started' } },
    ]);
    renderWithProviders(<BatchView batchId={batch.id} pageTitle={() => null} />);
    await user.click(await screen.findByRole('button', { name: 'Retry failed' }));
    await waitFor(async () =>
      expect((await getStoredBatch(batch.id))?.files[0]?.start.state).not.toBe('started'),
    );
    const row = await findRow('bad.csv');
    expect(within(row).getByText(/earlier/)).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Task bad-task' })).toHaveAttribute(
      'href',
      '/tasks/bad-task-01',
    );
  });

  it('cancels the live tasks after a confirmation and reports the ones that failed', async () => {
    const { requests } = api((request) => {
      if (request.url.pathname === '/api/v1/tasks/live-task-1/cancel') {
        return json({ ...TASKS.live, status: 'stopped' });
      }
      if (request.url.pathname === '/api/v1/tasks/ask-task-01/cancel') {
        return json({ error: 'Task is locked' }, { status: 409 });
      }
      return undefined;
    });
    const user = userEvent.setup();
    const batch = await storedBatch([
      { key: '0', name: 'two.csv', taskIds: ['live-task-1'], start: { state: 'started' } },
      { key: '1', name: 'three.csv', taskIds: ['ask-task-01'], start: { state: 'started' } },
      { key: '2', name: 'one.csv', taskIds: ['done-task-1'], start: { state: 'started' } },
    ]);
    renderWithProviders(<BatchView batchId={batch.id} pageTitle={() => null} />);
    await within(await findRow('two.csv')).findByText('Running');
    await user.click(screen.getByRole('button', { name: 'Cancel remaining' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel what is left of this batch?' });
    expect(within(dialog).getByRole('button', { name: 'Keep them running' })).toHaveFocus();
    expect(requests.some((r) => r.url.pathname.endsWith('/cancel'))).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel remaining' }));
    expect(
      await screen.findByText(/Cancelled 1 task; 1 task could not be cancelled/),
    ).toBeVisible();
    expect(screen.getByText(/three\.csv: Task is locked/)).toBeVisible();
    expect(await within(rowOf('two.csv')).findByText('Stopped')).toBeVisible();
    expect(requests.filter((r) => r.url.pathname.endsWith('/cancel'))).toHaveLength(2);
  });

  it('says so when this browser holds no such batch', async () => {
    api();
    renderWithProviders(<BatchView batchId="no-such-batch" pageTitle={() => null} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Batch not found' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'All batches' })).toHaveAttribute('href', '/batches');
  });
});

async function findRow(name: string) {
  const table = await screen.findByRole('table', { name: 'Batch tasks' });
  return (await within(table).findByRole('rowheader', { name })).closest('tr') as HTMLElement;
}
