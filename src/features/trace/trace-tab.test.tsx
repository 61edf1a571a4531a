import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { TaskListItem } from '@/api/schemas';
import { writeTasks } from '@/entities/task/cache';
import { taskKeys } from '@/entities/task/keys';
import { json, stubFetch, type RecordedRequest } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { StepBoundary } from './step-boundary';
import { TraceTab } from './trace-tab';

// jsdom has no layout and no scrolling: the virtualizer's scrolling of the page is a no-op here.
beforeAll(() => {
  window.scrollTo = () => {};
});

const T0 = Date.parse('2026-05-11T10:15:00Z');
let counter = 0;
const newTaskId = () => `trace-task-${++counter}`;

function task(taskId: string, overrides: Partial<TaskListItem> = {}): TaskListItem {
  return {
    task_id: taskId,
    status: 'completed',
    title: 'Odd backend',
    created_at: new Date(T0).toISOString(),
    updated_at: new Date(T0 + 9_000).toISOString(),
    ...overrides,
  };
}

/** A feed in shapes the simulator never produces, each item with a word found nowhere else. */
const ODD_FEED: { item: unknown; word: string }[] = [
  {
    item: {
      event: 'on_chat_model_end',
      timestamp: T0 / 1000 + 1,
      author: { role: 'assistant' },
      text: 'Planning alpha-route',
    },
    word: 'alpha-route',
  },
  {
    item: {
      kind: 'ToolUse',
      tool_name: 'lookup_customer',
      args: '{"id":"C-bravo"}',
      observation: { name: 'Globex' },
      createdAt: T0 + 2_000,
    },
    word: 'c-bravo',
  },
  {
    item: {
      object: 'thread.message',
      role: 'user',
      content: [{ type: 'text', text: 'Use the charlie address' }],
      at: new Date(T0 + 3_000).toISOString(),
    },
    word: 'charlie',
  },
  { item: { event: 'HumanInputRequested', prompt: 'Which delta?' }, word: 'which delta' },
  {
    item: { step_type: 'telemetry', payload: { cpu: 0.93, marker: 'echo-quartz' } },
    word: 'echo-quartz',
  },
  { item: { type: 'FinalAnswer', response: 'All done, foxtrot' }, word: 'foxtrot' },
  {
    item: { exception: { message: 'quota golf exceeded' }, time: T0 / 1000 + 8 },
    word: 'quota golf',
  },
  { item: 'a bare hotel line', word: 'bare hotel' },
  { item: 424_242, word: '424242' },
  { item: [{ india: true }], word: 'india' },
];

function stubResult(taskId: string, feed: unknown[]) {
  return stubFetch((request) =>
    request.url.pathname.endsWith('/result')
      ? json({ ...task(taskId), feed })
      : json({ error: 'not here' }, { status: 404 }),
  );
}

const isResult = (request: RecordedRequest) => request.url.pathname.endsWith('/result');

describe('TraceTab', () => {
  it('renders every item of a feed in unknown shapes, and finds each one by search', async () => {
    const id = newTaskId();
    stubResult(
      id,
      ODD_FEED.map(({ item }) => item),
    );
    const user = userEvent.setup();
    renderWithProviders(<TraceTab taskId={id} task={task(id)} />);

    const list = await screen.findByRole('list', { name: 'Trace steps' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(ODD_FEED.length);
    // Kinds are read from other spellings; what cannot be placed is "unknown", shown as JSON.
    expect(items[1]).toHaveTextContent(/Tool call\s*lookup_customer/);
    expect(items[1]).toHaveTextContent('{"id":"C-bravo"}');
    expect(items[5]).toHaveTextContent('Task complete');
    expect(items[6]).toHaveTextContent('Error');
    expect(items[4]).toHaveTextContent('Unknown');
    expect(items[4]).toHaveTextContent('echo-quartz');
    expect(items[8]).toHaveTextContent('424242');

    await user.click(screen.getByRole('checkbox', { name: 'Matching steps only' }));
    const search = screen.getByRole('searchbox', { name: 'Search trace' });
    for (const [index, { word }] of ODD_FEED.entries()) {
      await user.clear(search);
      await user.type(search, `${word}{Enter}`);
      await waitFor(() =>
        expect(
          within(list)
            .getAllByRole('listitem')
            .map((item) => item.textContent),
        ).toEqual([expect.stringMatching(new RegExp(`^#${index + 1}\\D`))]),
      );
      expect(screen.getByText('1 of 1 match')).toBeVisible();
    }
  });

  it('filters by step type, and Expand shows arguments as a tree', async () => {
    const id = newTaskId();
    stubResult(id, [
      { type: 'message', role: 'user', content: 'Hi' },
      { type: 'tool_call', name: 'search', arguments: { q: 'bikes', page: { n: 2 } }, output: 3 },
      { type: 'message', role: 'assistant', content: 'Done' },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<TraceTab taskId={id} task={task(id)} />);

    const list = await screen.findByRole('list', { name: 'Trace steps' });
    const types = screen.getByRole('group', { name: 'Step types' });
    await user.click(within(types).getByRole('checkbox', { name: /^Message/ }));
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    await user.click(within(items[0] as HTMLElement).getByRole('button', { name: 'Expand' }));
    const args = screen.getByRole('region', { name: 'Arguments of step 2' });
    expect(args).toHaveTextContent('q: "bikes"');
    expect(
      within(items[0] as HTMLElement).getByRole('button', { name: 'Collapse' }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

  it('cuts long strings and offers payloads over 1 MB as a download instead', async () => {
    const id = newTaskId();
    stubResult(id, [
      { type: 'tool_call', name: 'big', arguments: { blob: 'x'.repeat(1_100_000) } },
      { type: 'message', content: 'y'.repeat(2_000) },
    ]);
    const user = userEvent.setup();
    renderWithProviders(<TraceTab taskId={id} task={task(id)} />);

    await user.click(await screen.findByRole('button', { name: 'Expand all' }));
    expect(
      await screen.findByText(/Arguments is 1 MB of JSON, too large to show here/),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Download arguments' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Show all (2,000 characters)' })).toBeVisible();
  });

  it('re-reads a live feed when the task changes, at most every 2 s, and not while Live is off', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const id = newTaskId();
    const { requests } = stubResult(id, [{ type: 'message', content: 'Working' }]);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime.bind(vi) });
    const live = task(id, { status: 'running' });
    let setTask: (next: TaskListItem) => void = () => {};
    function Harness() {
      const [current, set] = useState(live);
      setTask = set;
      return <TraceTab taskId={id} task={current} />;
    }
    const { queryClient } = renderWithProviders(<Harness />, {
      seed: (client) => writeTasks(client, [live]),
    });
    /** The task page's poller saw the task at `at` ms past T0. */
    const poll = (at: number) =>
      act(() => {
        const next = { ...live, updated_at: new Date(T0 + at).toISOString() };
        writeTasks(queryClient, [next]);
        setTask(next);
      });
    const feedDue = () => queryClient.getQueryState(taskKeys.result(id))?.isInvalidated;
    await screen.findByRole('list', { name: 'Trace steps' });
    expect(requests.filter(isResult)).toHaveLength(1);

    // The same state again: the feed is not due.
    poll(9_000);
    expect(feedDue()).toBe(false);

    // Two changes in a row: one re-read, no sooner than 2 s after the last.
    poll(10_000);
    poll(10_500);
    expect(feedDue()).toBe(true);
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await waitFor(() => expect(requests.filter(isResult)).toHaveLength(2));
    expect(feedDue()).toBe(false);

    // Live off: the task moves on, the feed stays as it was.
    const toggle = screen.getByRole('switch', { name: 'Live' });
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    poll(12_000);
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    expect(requests.filter(isResult)).toHaveLength(2);
    expect(screen.getByText(/Paused: the task has moved on/)).toBeVisible();

    // Live on: it catches up.
    await user.click(toggle);
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await waitFor(() => expect(requests.filter(isResult)).toHaveLength(3));
    vi.useRealTimers();
  });

  it('selects the step a #step-N link names, counting from 1', async () => {
    const id = newTaskId();
    stubResult(id, [
      { type: 'message', content: 'one' },
      { type: 'message', content: 'two' },
    ]);
    window.location.hash = '#step-2';
    renderWithProviders(<TraceTab taskId={id} task={task(id)} />);
    const list = await screen.findByRole('list', { name: 'Trace steps' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(second).toHaveAttribute('aria-current', 'true');
    expect(first).not.toHaveAttribute('aria-current');
    window.location.hash = '';
  });

  it('shows the server error with Retry when the trace cannot be read', async () => {
    const id = newTaskId();
    stubFetch(() => json({ error: 'Task not found' }, { status: 404 }));
    renderWithProviders(<TraceTab taskId={id} task={task(id)} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The trace could not be loaded');
    expect(alert).toHaveTextContent('Task not found');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeVisible();
  });
});

describe('StepBoundary', () => {
  it('shows a step that fails to render as its raw JSON, and nothing else breaks', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    function Broken(): never {
      throw new Error('unexpected shape');
    }
    renderWithProviders(
      <div>
        <StepBoundary index={4} raw={{ weird: 'value' }}>
          <Broken />
        </StepBoundary>
        <p>Next step</p>
      </div>,
    );
    expect(screen.getByText(/This step could not be displayed/)).toBeVisible();
    expect(screen.getByText(/"weird": "value"/)).toBeVisible();
    expect(screen.getByText('Next step')).toBeVisible();
    vi.restoreAllMocks();
  });
});

describe('TraceTab and kinds named like properties of Object', () => {
  it('shows a step of type `constructor` as a step, not as one that could not be displayed', async () => {
    const id = newTaskId();
    stubResult(id, [
      { type: 'constructor', payload: 'kilo-lima' },
      { type: 'thread.constructor', content: 'mike' },
    ]);
    renderWithProviders(<TraceTab taskId={id} task={task(id)} />);

    const list = await screen.findByRole('list', { name: 'Trace steps' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Unknown');
    expect(items[1]).toHaveTextContent('Message');
    expect(screen.queryByText(/could not be displayed/)).toBeNull();
  });
});
