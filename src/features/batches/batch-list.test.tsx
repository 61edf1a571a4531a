import 'fake-indexeddb/auto';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createStoredBatch, deleteStoredBatch, listStoredBatches } from '@/entities/batch/store';
import { json, stubFetch } from '@/test/fetch-stub';
import { pageFixture } from '@/test/fixtures';
import { renderWithProviders } from '@/test/render';
import { BatchList } from './batch-list';

async function forgetAll() {
  for (const batch of await listStoredBatches()) await deleteStoredBatch(batch.id);
}

describe('BatchList', () => {
  it('says how to make a batch when there is none', async () => {
    await forgetAll();
    renderWithProviders(<BatchList />);
    expect(await screen.findByRole('heading', { name: 'No batches yet' })).toBeVisible();
    expect(screen.getByText('One task per file')).toBeVisible();
    expect(screen.getByRole('link', { name: 'New run' })).toHaveAttribute('href', '/');
  });

  it('lists the batches newest first with their files, progress and what needs the person', async () => {
    await forgetAll();
    stubFetch(() =>
      json(
        pageFixture([
          { task_id: 't1', status: 'completed', created_at: '2026-05-11T10:00:00Z' },
          { task_id: 't2', status: 'waiting_for_input', created_at: '2026-05-11T10:00:00Z' },
        ]),
      ),
    );
    const file = (key: string, taskIds: string[]) => ({
      key,
      name: `${key}.csv`,
      size: 1,
      type: 'text/csv',
      taskIds,
      start: { state: 'started' as const },
    });
    const base = { agentId: 'a', agentName: 'Invoice Extractor', query: 'q' };
    await createStoredBatch(
      { ...base, id: 'older', name: 'Older', createdAt: 1, files: [file('0', ['t1'])] },
      [new Blob(['x'])],
    );
    await createStoredBatch(
      {
        ...base,
        id: 'newer',
        name: 'Newer',
        createdAt: 2,
        files: [file('0', ['t1']), file('1', ['t2'])],
      },
      [new Blob(['x']), new Blob(['y'])],
    );
    renderWithProviders(<BatchList />);
    const list = await screen.findByRole('list', { name: 'Batches' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('link').textContent)).toEqual([
      'Newer',
      'Older',
    ]);
    expect(within(items[0] as HTMLElement).getByRole('link')).toHaveAttribute(
      'href',
      '/batches/newer',
    );
    expect(await within(items[0] as HTMLElement).findByText('1 of 2 finished')).toBeVisible();
    expect(within(items[0] as HTMLElement).getByText('2 files')).toBeVisible();
    expect(within(items[0] as HTMLElement).getByText('1 needs you')).toBeVisible();
  });
});
