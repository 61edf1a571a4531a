import { screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TaskListItem } from '@/api/schemas';
import { rememberTaskStop } from '@/lib/task-stops';
import { json, stubFetch } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { TraceTab } from './trace-tab';

// jsdom does not scroll: the list's scrolling of the page is a no-op here.
beforeAll(() => {
  window.scrollTo = () => {};
});

const T0 = Date.parse('2026-05-11T10:15:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
let counter = 0;

/** Stopped 20 s in, while a search was in flight; it landed 10 s later, then nothing. */
const FEED = [
  { type: 'message', content: 'Researching heat pumps', created_at: at(2_000) },
  { type: 'tool_call', name: 'web_search', output: { hits: 3 }, created_at: at(14_000) },
  { type: 'tool_call', name: 'web_search', output: { hits: 5 }, created_at: at(30_000) },
];

function open(overrides: Partial<TaskListItem>) {
  const taskId = `stopped-task-${++counter}`;
  const task: TaskListItem = {
    task_id: taskId,
    status: 'stopped',
    title: 'Heat pumps',
    created_at: at(0),
    // The late step moved it: it is not when the task stopped.
    updated_at: at(30_000),
    ...overrides,
  };
  stubFetch((request) =>
    request.url.pathname.endsWith('/result')
      ? json({ ...task, feed: FEED })
      : json({ error: 'not here' }, { status: 404 }),
  );
  renderWithProviders(<TraceTab taskId={taskId} task={task} />);
  return taskId;
}

const items = async () =>
  within(await screen.findByRole('list', { name: 'Trace steps' })).getAllByRole('listitem');

describe('After the stop', () => {
  it('sets apart the steps that landed after this browser stopped the task', async () => {
    const taskId = `stopped-task-${counter + 1}`;
    rememberTaskStop(taskId, at(20_000));
    open({});
    const rows = await items();
    expect(rows).toHaveLength(3);
    const divider = within(rows[2] as HTMLElement).getByRole('separator', {
      name: /^After the stop at \d\d:\d\d:\d\d$/,
    });
    expect(divider).toBeInTheDocument();
    expect(screen.getAllByRole('separator', { name: /After the stop/ })).toHaveLength(1);
    // The step's own text still starts with its number.
    expect(rows[2]).toHaveTextContent(/^#3Tool call/);
    expect(screen.getByText('3 steps, 1 of them after the stop')).toBeVisible();
  });

  it('falls back on the task’s own time of stopping', async () => {
    open({ updated_at: at(20_000) });
    const rows = await items();
    expect(within(rows[2] as HTMLElement).getByRole('separator')).toHaveAccessibleName(
      /After the stop/,
    );
  });

  it('is not there when nothing landed after the stop, or the task was not stopped', async () => {
    open({});
    expect(await items()).toHaveLength(3);
    expect(screen.queryByRole('separator', { name: /After the stop/ })).toBeNull();
    expect(screen.getByText('3 steps')).toBeVisible();
  });

  it('is not there for a task that completed', async () => {
    open({ status: 'completed', updated_at: at(1_000) });
    expect(await items()).toHaveLength(3);
    expect(screen.queryByRole('separator', { name: /After the stop/ })).toBeNull();
  });
});
