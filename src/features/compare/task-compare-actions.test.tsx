import { screen, within } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CachedTask } from '@/entities/task/cache';
import { taskKeys } from '@/entities/task/keys';
import { rememberComparePair } from '@/lib/compare-pairs';
import { json, stubFetch } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { TaskCompareActions } from './task-compare-actions';

// jsdom has `<dialog>` but not its methods.
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

const AGENT = '11111111-1111-4111-8111-111111111111';
const THIS = 'bbbbbbbb-0000-4000-8000-000000000001';
const OLDER = 'bbbbbbbb-0000-4000-8000-000000000002';
const ELSEWHERE = 'bbbbbbbb-0000-4000-8000-000000000003';

function task(taskId: string, fields: Partial<CachedTask> = {}): CachedTask {
  return {
    task_id: taskId,
    agent_id: AGENT,
    status: 'completed',
    title: `Invoice ${taskId.slice(-1)}`,
    created_at: '2026-05-11T10:15:00Z',
    updated_at: '2026-05-11T10:16:00Z',
    ...fields,
  };
}

describe('TaskCompareActions', () => {
  it('offers the recent tasks of the same agent, read only when asked, older on the left', async () => {
    const { requests } = stubFetch((request) =>
      request.url.pathname === '/api/v1/tasks'
        ? json({
            data: [task(OLDER, { created_at: '2026-05-11T09:00:00Z' })],
            has_more: false,
            next_cursor: null,
          })
        : json({ error: 'unexpected' }, { status: 500 }),
    );
    const { location } = renderWithProviders(<TaskCompareActions taskId={THIS} agentId={AGENT} />, {
      path: `/tasks/${THIS}`,
      seed: (client) => {
        client.setQueryData(taskKeys.task(THIS), task(THIS));
        // Another agent's task in the cache is not offered.
        client.setQueryData(taskKeys.task(ELSEWHERE), task(ELSEWHERE, { agent_id: 'other' }));
      },
    });
    expect(requests).toEqual([]);
    expect(screen.getByRole('link', { name: 'Run on another version' })).toHaveAttribute(
      'href',
      `/?agent=${AGENT}&rerun=${THIS}&compareWith=${THIS}`,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Compare with…' }));
    const dialog = screen.getByRole('dialog', { name: 'Compare this task with…' });
    const list = within(dialog).getByRole('list', { name: 'Recent tasks of the same agent' });
    const choice = await within(list).findByRole('button', { name: /Invoice 2/ });
    expect(within(list).getAllByRole('button')).toHaveLength(1);
    expect(requests.map((request) => request.url.searchParams.get('agent_id'))).toEqual([AGENT]);

    await userEvent.click(choice);
    expect(location.history.at(-1)).toBe(`/compare?a=${OLDER}&b=${THIS}`);
  });

  it('links a finished run on another version with its original, on both pages', () => {
    stubFetch(() => json({ error: 'unexpected' }, { status: 500 }));
    rememberComparePair(THIS, OLDER);
    const seed = (client: QueryClient) => {
      client.setQueryData(taskKeys.task(THIS), task(THIS));
      client.setQueryData(taskKeys.task(OLDER), task(OLDER));
    };
    const first = renderWithProviders(<TaskCompareActions taskId={THIS} agentId={AGENT} />, {
      seed,
    });
    expect(screen.getByRole('link', { name: 'Compare with the original' })).toHaveAttribute(
      'href',
      `/compare?a=${OLDER}&b=${THIS}`,
    );
    first.unmount();
    renderWithProviders(<TaskCompareActions taskId={OLDER} agentId={AGENT} />, { seed });
    expect(
      screen.getByRole('link', { name: 'Compare with the run on another version' }),
    ).toHaveAttribute('href', `/compare?a=${OLDER}&b=${THIS}`);
  });

  it('says the comparison comes once the new run has finished', () => {
    stubFetch(() => json({ error: 'unexpected' }, { status: 500 }));
    rememberComparePair(THIS, OLDER);
    renderWithProviders(<TaskCompareActions taskId={THIS} agentId={AGENT} />, {
      seed: (client) => client.setQueryData(taskKeys.task(THIS), task(THIS, { status: 'running' })),
    });
    expect(screen.queryByRole('link', { name: 'Compare with the original' })).toBeNull();
    expect(screen.getByText(/When this run finishes, it can be compared/)).toBeVisible();
  });
});
