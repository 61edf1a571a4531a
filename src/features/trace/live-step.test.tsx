import { act, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TaskListItem } from '@/api/schemas';
import { json, stubFetch } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { normalizeFeed } from './normalize';
import { stepInProgress } from './live-step';
import { TraceTab } from './trace-tab';

const T0 = Date.parse('2026-05-11T10:15:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
let counter = 0;

// jsdom does not scroll: the list's scrolling of the page is a no-op here.
beforeAll(() => {
  window.scrollTo = () => {};
});
afterEach(() => {
  vi.useRealTimers();
});

describe('stepInProgress', () => {
  it('is the last tool call without a result, else the last step', () => {
    const { steps } = normalizeFeed([
      { type: 'tool_call', name: 'web_search', arguments: { q: 'heat pumps' } },
      { type: 'message', content: 'Searching' },
    ]);
    expect(stepInProgress(steps)).toMatchObject({ step: { index: 0 }, running: true });
    const done = normalizeFeed([
      { type: 'tool_call', name: 'web_search', arguments: {}, output: { hits: 3 } },
      { type: 'message', content: 'Reading' },
    ]);
    expect(stepInProgress(done.steps)).toMatchObject({ step: { index: 1 }, running: false });
    expect(stepInProgress([])).toBeUndefined();
  });
});

describe('the step in progress', () => {
  function open(status: string, feed: unknown[]) {
    const id = `live-step-${++counter}`;
    const task: TaskListItem = {
      task_id: id,
      status,
      title: 'Research',
      created_at: at(0),
      updated_at: at(2_000),
    };
    stubFetch((request) =>
      request.url.pathname.endsWith('/result')
        ? json({ ...task, feed })
        : json({ error: 'not here' }, { status: 404 }),
    );
    renderWithProviders(<TraceTab taskId={id} task={task} />);
  }

  it('shows, while the task runs, which step it is on and for how long, ticking', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(T0 + 13_000);
    open('running', [
      { type: 'message', role: 'assistant', content: 'Looking it up', created_at: at(1_000) },
      { type: 'tool_call', name: 'web_search', arguments: { q: 'x' }, created_at: at(2_000) },
    ]);
    const now = await screen.findByRole('region', { name: 'Now' });
    expect(now).toHaveTextContent(/Running now:\s*#2 Tool call web_search\s*for 11 s/);
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    expect(now).toHaveTextContent('for 14 s');
    // The row itself says so.
    const list = screen.getByRole('list', { name: 'Trace steps' });
    expect(within(list).getAllByRole('listitem')[1]).toHaveTextContent('In progress');
  });

  it('says nothing of the kind once the task has ended', async () => {
    open('completed', [
      { type: 'tool_call', name: 'web_search', arguments: {}, created_at: at(2_000) },
    ]);
    await screen.findByRole('list', { name: 'Trace steps' });
    expect(screen.queryByRole('region', { name: 'Now' })).toBeNull();
    expect(screen.queryByText('In progress')).toBeNull();
  });
});
