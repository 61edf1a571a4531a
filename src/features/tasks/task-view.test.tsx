import { QueryClientProvider, useQuery, type QueryClient } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { createQueryClient } from '@/app/query-client';
import { lazyComponent } from '@/lib/lazy-component';
import { json, stubFetch, type RecordedRequest } from '@/test/fetch-stub';
import type { CachedTask } from '@/entities/task/cache';
import type { TaskTabComponents, TaskTabProps } from './task-tabs';
import { TaskView } from './task-view';
import { taskKeys } from '@/entities/task/keys';
import { taskQueries } from '@/entities/task/queries';
import { rememberTaskInputs } from '@/lib/task-inputs';

const AGENT = '11111111-1111-4111-8111-111111111111';

const INPUTS = {
  agentId: AGENT,
  query: 'Reconcile the March invoices',
  outputSchema: '{"total":"number"}',
  instructions: 'Dates as YYYY-MM-DD',
  plainLanguage: false,
  fileNames: ['march.pdf'],
  files: [{ name: 'march.pdf', size: 2048, type: 'application/pdf' }],
};

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
/** A fresh id per test: the watch registry and the task inputs store are module state. */
function newTaskId(): string {
  counter += 1;
  return `task-${counter}-${Date.now()}`;
}

function taskState(taskId: string, overrides: Partial<CachedTask> = {}): CachedTask {
  const created = new Date(Date.now() - 2 * 60_000).toISOString();
  return {
    task_id: taskId,
    agent_id: AGENT,
    status: 'running',
    title: 'Reconcile the March invoices',
    created_at: created,
    updated_at: created,
    ...overrides,
  };
}

afterEach(() => {
  window.location.hash = '';
  vi.restoreAllMocks();
});

/** Stand-ins for the tabs (features of their own, tested there): enough to
 *  show what the view hands a tab — the task's newest state, and the summary read on its end. */
function SummaryStub({ taskId, task }: TaskTabProps) {
  const ended = ['completed', 'failed', 'stopped'].includes(task.status ?? '');
  const summary = useQuery({ ...taskQueries.summary(taskId), enabled: ended });
  if (!ended) return <p>The answer appears here when the task ends.</p>;
  const answer = summary.data?.result;
  return typeof answer === 'string' ? <section aria-label="Answer">{answer}</section> : null;
}

function TracePlaceholder() {
  return <p>Every step of the agent’s work appears here.</p>;
}

function ConversationPlaceholder() {
  return <p>The messages with the agent and a Reply box appear here.</p>;
}

const tabs: TaskTabComponents = {
  summary: SummaryStub,
  conversation: ConversationPlaceholder,
  // Lazy like the page's, so Suspense is part of what runs.
  trace: lazyComponent<TaskTabProps>(() => Promise.resolve(TracePlaceholder)),
};

/** Like `renderWithProviders`, with a chance to seed the cache before the first render. */
function renderTaskView(
  taskId: string,
  {
    path = `/tasks/${taskId}`,
    seed,
    tabComponents = tabs,
    reviewActions,
  }: {
    path?: string;
    seed?: (client: QueryClient) => void;
    tabComponents?: TaskTabComponents;
    reviewActions?: ReactNode;
  } = {},
) {
  const queryClient = createQueryClient({ queries: { retry: false } });
  seed?.(queryClient);
  const location = memoryLocation({ path, record: true });
  render(
    <QueryClientProvider client={queryClient}>
      <Router hook={location.hook}>
        <TaskView taskId={taskId} tabs={tabComponents} reviewActions={reviewActions} />
      </Router>
    </QueryClientProvider>,
  );
  return { queryClient, location };
}

/** The view with an agent name the test can change, to make it render again. */
function renderTaskViewWithAgent(taskId: string, agentName: string) {
  const queryClient = createQueryClient({ queries: { retry: false } });
  const location = memoryLocation({ path: `/tasks/${taskId}`, record: true });
  const ui = (name: string) => (
    <QueryClientProvider client={queryClient}>
      <Router hook={location.hook}>
        <TaskView taskId={taskId} tabs={tabs} agentName={name} />
      </Router>
    </QueryClientProvider>
  );
  const view = render(ui(agentName));
  return { queryClient, rerender: (name: string) => view.rerender(ui(name)) };
}

const isCancel = (taskId: string) => (request: RecordedRequest) =>
  request.method === 'POST' && request.url.pathname === `/api/v1/tasks/${taskId}/cancel`;

describe('TaskView', () => {
  it('shows a running task with its status, agent, Run again and Cancel task', async () => {
    const id = newTaskId();
    stubFetch(() => json(taskState(id)));
    renderTaskView(id);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Reconcile the March invoices' }),
    ).toBeVisible();
    expect(screen.getByText('Running')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Cancel task' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Run again' })).toHaveAttribute(
      'href',
      `/?agent=${AGENT}&rerun=${id}`,
    );
    expect(screen.getByRole('link', { name: AGENT })).toHaveAttribute('href', `/?agent=${AGENT}`);
    expect(screen.getByText('The answer appears here when the task ends.')).toBeVisible();
  });

  it('shows the id as the heading until the task has a title', async () => {
    const id = newTaskId();
    stubFetch(() => json(taskState(id, { title: null as unknown as undefined })));
    renderTaskView(id);
    expect(await screen.findByRole('heading', { level: 1, name: id })).toBeVisible();
  });

  it('cancels after confirmation, once even on a double click, and shows Stopped', async () => {
    const id = newTaskId();
    let state = taskState(id);
    const { requests } = stubFetch((request) => {
      if (isCancel(id)(request)) {
        state = { ...state, status: 'stopped', updated_at: new Date().toISOString() };
      }
      return json(state);
    });
    const user = userEvent.setup();
    renderTaskView(id);

    await user.click(await screen.findByRole('button', { name: 'Cancel task' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel this task?' });
    expect(dialog).toHaveTextContent('The agent stops after the step it is running.');
    expect(within(dialog).getByRole('button', { name: 'Keep it running' })).toHaveFocus();
    await user.dblClick(within(dialog).getByRole('button', { name: 'Cancel task' }));

    expect(await screen.findByText('Stopped')).toBeVisible();
    expect(requests.filter(isCancel(id))).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Cancel task' })).not.toBeInTheDocument();
    // The detail is read again at once to confirm it.
    await waitFor(() => {
      const reads = requests.filter((r) => r.method === 'GET' && r.url.pathname.endsWith(id));
      expect(reads.length).toBeGreaterThanOrEqual(2);
    });
  });

  it('keeps the task running when the person changes their mind', async () => {
    const id = newTaskId();
    const { requests } = stubFetch(() => json(taskState(id)));
    const user = userEvent.setup();
    renderTaskView(id);

    const trigger = await screen.findByRole('button', { name: 'Cancel task' });
    await user.click(trigger);
    await user.click(screen.getByRole('button', { name: 'Keep it running' }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(trigger).toHaveFocus();
    expect(requests.filter(isCancel(id))).toHaveLength(0);
    expect(screen.getByText('Running')).toBeVisible();
  });

  it('explains a failed cancel and keeps the task as it was', async () => {
    const id = newTaskId();
    stubFetch((request) =>
      isCancel(id)(request)
        ? json({ error: 'Task belongs to another workspace' }, { status: 403 })
        : json(taskState(id)),
    );
    const user = userEvent.setup();
    renderTaskView(id);

    await user.click(await screen.findByRole('button', { name: 'Cancel task' }));
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel task' }),
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The task could not be cancelled');
    expect(alert).toHaveTextContent('Task belongs to another workspace');
    expect(alert).toHaveTextContent(/another workspace/);
    expect(screen.getByText('Running')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Cancel task' })).toBeVisible();
  });

  it('offers no Cancel task once the task has ended, and shows its answer', async () => {
    const id = newTaskId();
    const done = taskState(id, { status: 'completed' });
    stubFetch((request) =>
      request.url.pathname.endsWith('/summary')
        ? json({ ...done, result: 'Total: 42 invoices\nAll reconciled.' })
        : json(done),
    );
    renderTaskView(id);

    expect(await screen.findByText('Completed')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Cancel task' })).not.toBeInTheDocument();
    const answer = await screen.findByRole('region', { name: 'Answer' });
    expect(answer).toHaveTextContent('Total: 42 invoices All reconciled.');
  });

  it('says when no task has the id', async () => {
    const id = newTaskId();
    stubFetch(() => json({ error: 'Task not found' }, { status: 404 }));
    renderTaskView(id);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'No task with this id' }),
    ).toBeVisible();
    expect(screen.getByText(id)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Back to Tasks' })).toHaveAttribute('href', '/tasks');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('offers Retry when the first read fails otherwise', async () => {
    const id = newTaskId();
    let fail = true;
    stubFetch(() =>
      fail ? json({ error: 'Invalid API key' }, { status: 401 }) : json(taskState(id)),
    );
    const user = userEvent.setup();
    renderTaskView(id);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid API key');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Running')).toBeVisible();
  });

  it('keeps a seeded task on screen after a 429 on the first read, with a countdown', async () => {
    const id = newTaskId();
    const { requests } = stubFetch(() =>
      json({ error: 'Rate limit exceeded' }, { status: 429, headers: { 'Retry-After': '30' } }),
    );
    renderTaskView(id, {
      seed: (client) => client.setQueryData(taskKeys.task(id), taskState(id)),
    });

    expect(screen.getByRole('heading', { level: 1, name: 'Reconcile the March invoices' }));
    expect(await screen.findByText(/^Rate limited — next update in (29|30) s$/)).toBeVisible();
    expect(requests).toHaveLength(1);
    expect(screen.getByText('Running')).toBeVisible();
    expect(await screen.findByText(/^as of \d\d:\d\d:\d\d$/)).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('opens the tab named in the URL and keeps the choice in the URL', async () => {
    const id = newTaskId();
    stubFetch(() => json(taskState(id)));
    const user = userEvent.setup();
    const { location } = renderTaskView(id, { path: `/tasks/${id}?tab=trace` });

    const trace = await screen.findByRole('tab', { name: 'Trace' });
    expect(trace).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tablist')).toBeVisible();
    expect(await screen.findByText(/Every step of the agent’s work/)).toBeVisible();
    expect(screen.getByRole('tabpanel', { name: 'Trace' })).toBeVisible();

    await user.click(screen.getByRole('tab', { name: 'Conversation' }));
    expect(location.history?.at(-1)).toBe(`/tasks/${id}?tab=conversation`);
    expect(location.history).toHaveLength(1);
    expect(screen.getByRole('tab', { name: 'Conversation' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tabpanel', { name: 'Conversation' })).toHaveTextContent(/Reply box/);

    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Trace' })).toHaveFocus();
    expect(location.history?.at(-1)).toBe(`/tasks/${id}?tab=trace`);
    await user.keyboard('{Home}');
    expect(screen.getByRole('tab', { name: 'Summary' })).toHaveAttribute('aria-selected', 'true');
  });

  it('tells what an awaiting-review task waits for, with a link to approve it', async () => {
    const id = newTaskId();
    stubFetch(() => json(taskState(id, { status: 'awaiting_review' })));
    renderTaskView(id);

    const notice = (await screen.findAllByRole('status')).find((element) =>
      element.textContent?.includes('Awaiting review'),
    );
    expect(notice).toBeDefined();
    const link = within(notice as HTMLElement).getByRole('link', {
      name: /Approve it in the Nanonets dashboard/,
    });
    expect(link).toHaveAttribute('href', 'https://agents.nanonets.com');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('shows the review controls the page hands in on the Review card, only while awaiting review', async () => {
    const id = newTaskId();
    let state = taskState(id, { status: 'awaiting_review' });
    stubFetch(() => json(state));
    const { queryClient } = renderTaskView(id, {
      reviewActions: <button type="button">Approve</button>,
    });

    const card = await screen.findByRole('region', { name: 'Review' });
    expect(within(card).getByRole('button', { name: 'Approve' })).toBeVisible();

    state = { ...state, status: 'running', updated_at: new Date().toISOString() };
    await queryClient.invalidateQueries({ queryKey: taskKeys.task(id) });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull());
  });

  it('marks the Conversation tab while the task waits for the person, its name unchanged', async () => {
    const id = newTaskId();
    let state = taskState(id, { status: 'waiting_for_input' });
    stubFetch(() => json(state));
    const { queryClient } = renderTaskView(id);

    const tab = await screen.findByRole('tab', { name: 'Conversation' });
    expect(tab).toHaveAccessibleDescription('Waiting for your answer');
    state = { ...state, status: 'running', updated_at: new Date().toISOString() };
    await queryClient.invalidateQueries({ queryKey: taskKeys.task(id) });
    await waitFor(() => expect(tab).not.toHaveAccessibleDescription('Waiting for your answer'));
    expect(screen.getByRole('tab', { name: 'Conversation' })).toBe(tab);
  });

  it('keeps the hash when switching tabs, for deep links into a tab', async () => {
    const id = newTaskId();
    stubFetch(() => json(taskState(id)));
    window.location.hash = '#step-5';
    const user = userEvent.setup();
    const { location } = renderTaskView(id, { path: `/tasks/${id}?tab=trace` });

    await user.click(await screen.findByRole('tab', { name: 'Summary' }));
    expect(location.history?.at(-1)).toBe(`/tasks/${id}?tab=summary#step-5`);
  });

  it('confines a tab that fails to load to its panel, and loads it again on Try again', async () => {
    const id = newTaskId();
    stubFetch(() => json(taskState(id)));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    let attempts = 0;
    const trace = lazyComponent<TaskTabProps>(() => {
      attempts += 1;
      return attempts === 1
        ? Promise.reject(new Error('Failed to fetch dynamically imported module'))
        : Promise.resolve(TracePlaceholder);
    });
    const user = userEvent.setup();
    renderTaskView(id, { path: `/tasks/${id}?tab=trace`, tabComponents: { ...tabs, trace } });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The Trace tab could not be loaded');
    expect(screen.getByRole('heading', { level: 1 })).toBeVisible();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/Every step of the agent’s work/)).toBeVisible();
    expect(attempts).toBe(2);
  });

  it('gives a finished task its time from the API’s timestamps, with no clock and no read of its own', async () => {
    const id = newTaskId();
    const state = taskState(id, {
      status: 'completed',
      created_at: '2026-05-11T10:15:00Z',
      updated_at: '2026-05-11T10:15:42Z',
    });
    rememberTaskInputs(id, { ...INPUTS, startedAt: Date.now() });
    const { requests } = stubFetch(() => json(state));
    renderTaskView(id, { tabComponents: { ...tabs, summary: ConversationPlaceholder } });

    const row = (await screen.findByText('Time in status')).nextElementSibling as HTMLElement;
    expect(within(row).getByRole('listitem')).toHaveTextContent('In all 42 s');
    expect(row).toHaveTextContent('From the API’s timestamps, the same in every browser');
    expect(within(row).getByRole('link', { name: 'the Trace’s step times' })).toHaveAttribute(
      'href',
      `/tasks/${id}?tab=trace`,
    );
    expect(screen.getByText('Duration').nextElementSibling).toHaveTextContent('42 s');
    // The task itself only: the inputs were recorded here, the timing reads nothing.
    await waitFor(() => expect(requests).toHaveLength(1));
  });

  it('splits the time by the trace’s step times where the page has read the trace', async () => {
    const id = newTaskId();
    const state = taskState(id, {
      status: 'completed',
      created_at: '2026-05-11T10:15:00Z',
      updated_at: '2026-05-11T10:15:50Z',
    });
    const at = (second: number) => `2026-05-11T10:15:${String(second).padStart(2, '0')}Z`;
    stubFetch(() => json(state));
    renderTaskView(id, {
      seed: (client) =>
        client.setQueryData(taskKeys.result(id), {
          task: {},
          feed: [
            { type: 'message', role: 'user', content: 'Go', created_at: at(0) },
            { type: 'tool_call', role: 'tool', created_at: at(5), duration_ms: 3000 },
            { type: 'ask_user', role: 'assistant', created_at: at(10), duration_ms: 0 },
            { type: 'message', role: 'user', content: 'first', created_at: at(25) },
            { type: 'task_complete', role: 'assistant', created_at: at(50), duration_ms: 0 },
          ],
          raw: null,
          bytes: 0,
          downloadMs: 0,
        }),
    });

    const row = (await screen.findByText('Time in status')).nextElementSibling as HTMLElement;
    const texts = (name: string) =>
      within(within(row).getByRole('list', { name }))
        .getAllByRole('listitem')
        .map((item) => item.textContent);
    expect(texts('From the task’s timestamps')).toEqual(['In all 50 s']);
    expect(texts('Split by the trace’s step times')).toEqual([
      'Queued 2 s',
      'Working 33 s',
      'Waiting on you 15 s',
    ]);
    expect(row).toHaveTextContent('From the API’s timestamps and the trace');
  });

  it('marks the wait of a waiting task as estimated when only the timestamps say', async () => {
    const id = newTaskId();
    const created = Date.now() - 60_000;
    const state = taskState(id, {
      status: 'waiting_for_input',
      created_at: new Date(created).toISOString(),
      updated_at: new Date(created + 20_000).toISOString(),
    });
    stubFetch(() => json(state));
    renderTaskView(id);

    const row = (await screen.findByText('Time in status')).nextElementSibling as HTMLElement;
    const items = within(row).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(/^Queued or working ≈ 20 s$/);
    expect(items[1]).toHaveTextContent(/^Waiting on you ≈ (39|40|41) s$/);
    expect(row).toHaveTextContent('estimated where the API does not say exactly');
  });

  it('renders its tab again only when the task changes, not every second or every read', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const id = newTaskId();
    const state = taskState(id);
    stubFetch(() => json(state));
    const rendered = vi.fn();
    function CountingTab() {
      rendered();
      return <p>The tab</p>;
    }
    renderTaskView(id, { tabComponents: { ...tabs, summary: CountingTab } });
    await screen.findByText('The tab');
    const before = rendered.mock.calls.length;
    // Thirty seconds of a running task: clocks tick, the page polls, nothing in it changes.
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    expect(rendered.mock.calls.length - before).toBe(0);
    vi.useRealTimers();
  });

  it('after a failed read, waits the backoff drawn when it failed, whatever renders meanwhile', async () => {
    vi.useFakeTimers();
    const id = newTaskId();
    let failing = false;
    const state = taskState(id);
    const { requests } = stubFetch(() =>
      failing ? json({ error: 'Down for a moment' }, { status: 503 }) : json(state),
    );
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.95);
    const { rerender } = renderTaskViewWithAgent(id, 'Invoice Extractor');
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Reconcile the March');

    // A running task two minutes old is read every 5 s; this read fails.
    failing = true;
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    const failedAt = requests.length;
    // Renders come and go (a prop changes), each asking how long to wait: the answer holds.
    random.mockReturnValue(0);
    for (const name of ['A', 'B', 'C']) rerender(name);
    await act(() => vi.advanceTimersByTimeAsync(900));
    expect(requests).toHaveLength(failedAt);
    failing = false;
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(requests).toHaveLength(failedAt + 1);
    vi.useRealTimers();
  });
});
