/** What a task's page reads while the task runs, against an in-memory API and faked time: its own
 *  state on the polling ladder, and each resource it owns only when the task's change calls for it
 *  (decision 0008) — never once per poll that sees progress. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json } from '@/test/fetch-stub';
import { fakeApi, fakeTask, withFakeTime } from '@/test/fake-api';
import { renderWithProviders } from '@/test/render';
import { AppShell } from './app';

const { advance } = withFakeTime();

/** The task works on: every `every` ms of faked time its `updated_at` moves, `times` times. */
async function progress(
  api: ReturnType<typeof fakeApi>,
  taskId: string,
  times: number,
  every = 2_000,
) {
  for (let i = 0; i < times; i++) {
    api.update(taskId, {});
    await advance(every);
  }
}

describe('a live task’s page', () => {
  it('re-reads its answer on a new status, not on every poll that sees progress', async () => {
    const task = fakeTask({ status: 'running', title: 'Research bikes' });
    const api = fakeApi([task]);
    const summary = `/api/v1/tasks/${task.task_id}/summary`;
    renderWithProviders(<AppShell />, { path: `/tasks/${task.task_id}` });
    expect(await screen.findByRole('heading', { level: 1, name: 'Research bikes' })).toBeVisible();
    await waitFor(() => expect(api.reads(summary)).toHaveLength(1));

    await progress(api, task.task_id, 10);
    expect(api.reads(summary)).toHaveLength(1);
    // Nobody looks at the conversation: it is read once, for Run inputs (no record of this run
    // here), and never again however the task moves.
    expect(api.reads(`/api/v1/tasks/${task.task_id}/messages`)).toHaveLength(1);

    api.update(task.task_id, { status: 'waiting_for_input' });
    await advance(10_000);
    await waitFor(() => expect(api.reads(summary)).toHaveLength(2));
    api.update(task.task_id, { status: 'completed' });
    await advance(10_000);
    await waitFor(() => expect(api.reads(summary)).toHaveLength(3));
    // Finished: nothing more about it, ever.
    const settled = api.requests.length;
    await advance(120_000);
    expect(
      api.requests.slice(settled).filter((r) => r.url.pathname.includes(task.task_id)),
    ).toEqual([]);
  });

  it('re-reads the conversation once per change while its tab is open', async () => {
    const task = fakeTask({ status: 'running', title: 'Research bikes' });
    const api = fakeApi([task]);
    const messages = `/api/v1/tasks/${task.task_id}/messages`;
    renderWithProviders(<AppShell />, { path: `/tasks/${task.task_id}?tab=conversation` });
    await screen.findByRole('log', { name: 'Conversation' });
    await waitFor(() => expect(api.reads(messages)).toHaveLength(1));

    // A task this old is polled every 10 s: each poll sees one change, and each change one read.
    await progress(api, task.task_id, 5, 10_000);
    await waitFor(() => expect(api.reads(messages)).toHaveLength(6));

    // The Summary tab instead: the conversation is left alone however the task moves.
    await userEvent
      .setup({ advanceTimers: vi.advanceTimersByTime.bind(vi) })
      .click(screen.getByRole('tab', { name: 'Summary' }));
    const seen = api.reads(messages).length;
    await progress(api, task.task_id, 5, 10_000);
    expect(api.reads(messages)).toHaveLength(seen);
  });

  it('shows loading and then the error in each tab when every read fails, never nothing', async () => {
    const task = fakeTask({ status: 'running', title: 'Research bikes' });
    fakeApi([task], {
      intercept: (request) =>
        request.url.pathname.startsWith(`/api/v1/tasks/${task.task_id}/`)
          ? json({ error: 'The service is down (test).' }, { status: 503 })
          : undefined,
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime.bind(vi) });
    renderWithProviders(<AppShell />, { path: `/tasks/${task.task_id}` });
    await screen.findByRole('heading', { level: 1, name: 'Research bikes' });
    for (const [tab, failure] of [
      ['Conversation', 'The conversation could not be loaded'],
      ['Trace', 'The trace could not be loaded'],
    ] as const) {
      await user.click(screen.getByRole('tab', { name: tab }));
      const panel = screen.getByRole('tabpanel');
      await waitFor(() => expect(panel).toHaveTextContent(/Loading|could not be loaded/));
      await advance(60_000);
      expect(await within(panel).findByText(failure)).toBeVisible();
      expect(panel).toHaveTextContent('The service is down (test).');
    }
  });
});
