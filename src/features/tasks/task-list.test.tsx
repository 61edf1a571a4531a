import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { nextCursor, type PagingState } from '@/api/paging';
import type { TaskListItem } from '@/api/schemas';
import { json, stubFetch, type RecordedRequest } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { TaskList } from './task-list';
import { TaskListFilterBar } from './task-list-filters';
import { useTaskFilters } from './use-task-filters';

const AGENTS = [
  { id: 'agent-invoice', name: 'Invoice Extractor' },
  { id: 'agent-summary', name: 'Document Summarizer' },
];

let counter = 0;
function task(overrides: Partial<TaskListItem> = {}): TaskListItem {
  counter += 1;
  return {
    task_id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    agent_id: 'agent-invoice',
    agent_name: 'Invoice Extractor',
    status: 'completed',
    title: `Task ${counter}`,
    created_at: '2026-05-11T10:00:00Z',
    updated_at: '2026-05-11T10:01:30Z',
    ...overrides,
  };
}

/** `GET /tasks` as the API answers it: `status`, `agent_id`, `q`, `cursor` (an offset here). */
function taskServer(tasks: unknown[], pageSize = 50) {
  return (request: RecordedRequest) => {
    const params = request.url.searchParams;
    const statuses = params.get('status')?.split(',');
    const q = params.get('q')?.toLowerCase();
    const rows = (tasks as TaskListItem[]).filter(
      (t) =>
        (!statuses || statuses.includes(t.status ?? '')) &&
        (!params.get('agent_id') || t.agent_id === params.get('agent_id')) &&
        (!q || (t.title ?? '').toLowerCase().includes(q)),
    );
    const start = Number(params.get('cursor') ?? '0');
    const limit = Math.min(Number(params.get('limit') ?? pageSize), pageSize);
    const end = start + limit;
    return json({
      data: rows.slice(start, end),
      has_more: end < rows.length,
      next_cursor: end < rows.length ? String(end) : null,
    });
  };
}

/** The list's own reads (not the live refresh, which asks for 100 live tasks). */
const listReads = (requests: RecordedRequest[]) =>
  requests.filter(
    (r) => r.url.pathname === '/api/v1/tasks' && r.url.searchParams.get('limit') !== '100',
  );

/** What the page does: the filter bar and the list, both on the URL's filters. */
function TasksScreen({ activeTaskId }: { activeTaskId?: string }) {
  const { filters } = useTaskFilters();
  return (
    <>
      <TaskListFilterBar agents={AGENTS} />
      <TaskList filters={filters} agents={AGENTS} activeTaskId={activeTaskId} />
    </>
  );
}

const taskList = () => screen.findByRole('list', { name: 'Tasks' });

/** The status multi-select's option for a status label (the listbox is in the DOM, closed or not). */
const statusOption = (label: string) =>
  within(screen.getByRole('listbox', { name: 'Status', hidden: true })).getByRole('option', {
    name: new RegExp(`^${label}`),
    hidden: true,
  });

describe('TaskList with its filters in the URL', () => {
  it('reads the filters from the URL into the controls and the list request', async () => {
    const { requests } = stubFetch(taskServer([task({ status: 'failed', title: 'March run' })]));
    renderWithProviders(<TasksScreen />, { path: '/tasks?status=running,failed&q=march' });

    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveTextContent('Running, Failed');
    expect(statusOption('Running')).toHaveAttribute('aria-selected', 'true');
    expect(statusOption('Failed')).toHaveAttribute('aria-selected', 'true');
    expect(statusOption('Completed')).toHaveAttribute('aria-selected', 'false');
    expect(screen.getByRole('searchbox', { name: 'Search tasks' })).toHaveValue('march');
    expect(screen.getByRole('combobox', { name: 'Filter by agent' })).toHaveValue('');

    expect(await within(await taskList()).findByRole('link', { name: 'March run' })).toBeVisible();
    const read = listReads(requests)[0];
    expect(read?.url.searchParams.get('status')).toBe('running,failed');
    expect(read?.url.searchParams.get('q')).toBe('march');
  });

  it('writes changes to the URL, replacing the entry, and searches once typing pauses', async () => {
    const { requests } = stubFetch(taskServer([task({ title: 'Invoice March' })]));
    const user = userEvent.setup();
    const { location } = renderWithProviders(<TasksScreen />, { path: '/tasks' });
    await taskList();

    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(screen.getByRole('option', { name: /^Completed/ }));
    await user.keyboard('{Escape}');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Filter by agent' }),
      'Invoice Extractor',
    );
    const search = screen.getByRole('searchbox', { name: 'Search tasks' });
    await user.type(search, 'march');
    expect(search).toHaveValue('march');

    await waitFor(() =>
      expect(location.history?.at(-1)).toBe('/tasks?status=completed&agent=agent-invoice&q=march'),
    );
    expect(location.history).toHaveLength(1);
    await waitFor(() =>
      expect(listReads(requests).at(-1)?.url.searchParams.get('q')).toBe('march'),
    );
    // One read for the finished word, none for "m", "ma", …
    expect(listReads(requests).filter((r) => r.url.searchParams.has('q'))).toHaveLength(1);
    expect(listReads(requests).at(-1)?.url.searchParams.get('agent_id')).toBe('agent-invoice');
  });

  it('sends the created range as the bounds of those local days', async () => {
    const { requests } = stubFetch(taskServer([]));
    renderWithProviders(<TasksScreen />, { path: '/tasks?from=2026-05-01&to=2026-05-03' });
    expect(screen.getByLabelText('From')).toHaveValue('2026-05-01');
    expect(screen.getByLabelText('To')).toHaveValue('2026-05-03');
    await waitFor(() => expect(listReads(requests)).not.toHaveLength(0));
    const params = listReads(requests)[0]?.url.searchParams;
    expect(params?.get('created_after')).toBe(new Date(2026, 4, 1).toISOString());
    expect(params?.get('created_before')).toBe(new Date(2026, 4, 3, 23, 59, 59, 999).toISOString());
  });

  it('names the filters that hide every task, and clears them', async () => {
    stubFetch(taskServer([task({ title: 'Something else' })]));
    const user = userEvent.setup();
    const { location } = renderWithProviders(<TasksScreen />, {
      path: '/tasks?status=failed&agent=agent-invoice&q=march',
    });
    expect(
      await screen.findByText(
        (_, element) =>
          element?.tagName === 'P' &&
          element.textContent ===
            'No tasks match Status: Failed · Agent: Invoice Extractor · Search: “march”',
      ),
    ).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Show all tasks' }));
    expect(location.history?.at(-1)).toBe('/tasks');
    expect(await screen.findByRole('link', { name: 'Something else' })).toBeVisible();
    expect(screen.getByRole('searchbox', { name: 'Search tasks' })).toHaveValue('');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
  });

  it('says there are no tasks yet, with the way to start one', async () => {
    stubFetch(taskServer([]));
    renderWithProviders(<TasksScreen />, { path: '/tasks' });
    expect(await screen.findByText('No tasks yet')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Start a run' })).toHaveAttribute('href', '/');
  });

  it('clears every filter with Clear filters', async () => {
    stubFetch(taskServer([]));
    const user = userEvent.setup();
    const { location } = renderWithProviders(<TasksScreen />, {
      path: '/tasks?tab=x&status=queued&q=abc&from=2026-05-01',
    });
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(location.history?.at(-1)).toBe('/tasks?tab=x');
    expect(statusOption('Queued')).toHaveAttribute('aria-selected', 'false');
    expect(screen.getByRole('searchbox', { name: 'Search tasks' })).toHaveValue('');
    expect(screen.getByRole('button', { name: /^Created/ })).toHaveTextContent('Any time');
  });
});

describe('TaskList rows', () => {
  it('reads the next page as the end of the list comes near', async () => {
    const tasks = Array.from({ length: 30 }, () => task({ agent_id: 'agent-many' }));
    const { requests } = stubFetch(taskServer(tasks, 20));
    renderWithProviders(<TasksScreen />, { path: '/tasks?agent=agent-many' });
    const list = await taskList();
    // Twenty rows arrive; the window's last row is within ten of their end, so page two is read.
    await waitFor(() =>
      expect(listReads(requests).map((r) => r.url.searchParams.get('cursor'))).toEqual([
        null,
        '20',
      ]),
    );
    await waitFor(() =>
      expect(within(list).getAllByRole('listitem')[0]).toHaveAttribute('aria-setsize', '30'),
    );
  });

  it('stops, and says so, when the server keeps returning the same page', async () => {
    const tasks = Array.from({ length: 20 }, () => task({ agent_id: 'agent-loop' }));
    // Every page is the same twenty tasks with the same cursor: a looping backend.
    const { requests } = stubFetch(() =>
      json({ data: tasks, has_more: true, next_cursor: 'again' }),
    );
    const { queryClient } = renderWithProviders(<TasksScreen />, {
      path: '/tasks?agent=agent-loop',
    });
    await taskList();
    expect(
      await screen.findByText('The server keeps returning the same page, so the list stops here.'),
    ).toBeInTheDocument();
    // The first page, and the one that repeated it: nothing after — the list is at rest and
    // its paging offers no next page to ask for.
    expect(listReads(requests)).toHaveLength(2);
    const [list] = queryClient.getQueryCache().findAll({
      predicate: (query) => query.queryKey[1] === 'list' && query.queryKey.length === 3,
    });
    expect(list?.state.fetchStatus).toBe('idle');
    expect(nextCursor(list?.state.data as PagingState<TaskListItem>, (t) => t.task_id)).toBe(
      undefined,
    );
  });

  it('offers Retry when the next page cannot be read', async () => {
    const tasks = Array.from({ length: 30 }, () => task({ agent_id: 'agent-retry' }));
    const server = taskServer(tasks, 20);
    let failures = 1;
    stubFetch((request) => {
      if (request.url.searchParams.get('cursor') === '20' && failures > 0) {
        failures -= 1;
        return json({ error: 'The server is having a bad day.' }, { status: 503 });
      }
      return server(request);
    });
    const user = userEvent.setup();
    renderWithProviders(<TasksScreen />, { path: '/tasks?agent=agent-retry' });
    const list = await taskList();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t load more tasks');
    expect(within(list).getAllByRole('listitem')).not.toHaveLength(0);

    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(within(list).getAllByRole('listitem')[0]).toHaveAttribute('aria-setsize', '30'),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps the rows and says since when when a refresh fails', async () => {
    let failing = false;
    const server = taskServer([task({ title: 'Kept on screen' })]);
    stubFetch((request) =>
      failing
        ? json({ error: 'The server is having a bad day.' }, { status: 500 })
        : server(request),
    );
    const { queryClient } = renderWithProviders(<TasksScreen />, {
      path: '/tasks?agent=agent-invoice',
    });
    expect(await screen.findByRole('link', { name: 'Kept on screen' })).toBeVisible();
    failing = true;
    await queryClient.refetchQueries({ queryKey: ['tasks', 'list'] });
    expect(
      await screen.findByText(
        (_, element) =>
          element?.tagName === 'SPAN' &&
          /showing it as of \d\d:\d\d:\d\d\.$/.test(element.textContent),
      ),
    ).toBeVisible();
    expect(screen.getByRole('link', { name: 'Kept on screen' })).toBeVisible();
  });

  it('shows the error with Retry when the first page cannot be read', async () => {
    let failing = true;
    const server = taskServer([task({ title: 'After the retry' })]);
    stubFetch((request) =>
      failing
        ? json({ error: 'The server is having a bad day.' }, { status: 500 })
        : server(request),
    );
    const user = userEvent.setup();
    renderWithProviders(<TasksScreen />, { path: '/tasks?agent=agent-invoice&q=retry' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t load tasks');
    expect(alert).toHaveTextContent('The server is having a bad day.');
    failing = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: 'After the retry' })).toBeVisible();
  });

  it('marks the task on view, moves between rows by keyboard and shows unreadable items', async () => {
    const tasks = [
      task({ title: 'Alpha', status: 'running' }),
      task({ title: 'Beta', status: 'waiting_for_input' }),
      task({ title: 'Gamma' }),
      { title: 'no id here' },
    ];
    stubFetch(taskServer(tasks));
    const user = userEvent.setup();
    renderWithProviders(<TasksScreen activeTaskId={(tasks[1] as TaskListItem).task_id} />, {
      path: '/tasks',
    });
    const list = await taskList();
    const items = await within(list).findAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[0]).toHaveAttribute('aria-posinset', '1');
    expect(items[0]).toHaveAttribute('aria-setsize', '4');

    const alpha = within(items[0]!).getByRole('link', { name: 'Alpha' });
    expect(alpha).toHaveAttribute('href', `/tasks/${(tasks[0] as TaskListItem).task_id}`);
    expect(items[0]).toHaveTextContent('Running');
    expect(items[0]).toHaveTextContent('Invoice Extractor');
    expect(within(items[1]!).getByRole('link', { name: 'Beta' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(items[1]).toHaveTextContent('Waiting for input');
    expect(items[2]).toHaveTextContent('1 min 30 s');
    expect(items[3]).toHaveTextContent('A task this console could not read');

    alpha.focus();
    await user.keyboard('{ArrowDown}');
    expect(within(items[1]!).getByRole('link')).toHaveFocus();
    await user.keyboard('j');
    expect(within(items[2]!).getByRole('link')).toHaveFocus();
    await user.keyboard('j');
    // The unreadable row has no link: Gamma stays the last one reachable.
    expect(within(items[2]!).getByRole('link')).toHaveFocus();
    await user.keyboard('k');
    expect(within(items[1]!).getByRole('link')).toHaveFocus();
    await user.keyboard('{Home}');
    expect(alpha).toHaveFocus();
    await user.keyboard('{End}');
    expect(within(items[2]!).getByRole('link')).toHaveFocus();
  });
});

describe('Filter by agent and hidden characters', () => {
  it('spells out overrides, zero-width characters and towers of marks in its options', () => {
    stubFetch(taskServer([]));
    renderWithProviders(
      <TaskListFilterBar
        agents={[
          { id: 'a-1', name: 'Ledger\u202Ecod.exe' },
          { id: 'a-2', name: 'Pay\u200Bpal' },
          { id: 'a-3', name: `Z${'\u0301'.repeat(600)}` },
        ]}
      />,
      { path: '/tasks?agent=gone%E2%80%AE' },
    );
    const filter = screen.getByRole('combobox', { name: 'Filter by agent' });
    expect(
      within(filter)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual([
      'All agents',
      'gone[U+202E]',
      'Ledger[U+202E]cod.exe',
      'Pay[U+200B]pal',
      `Z${'\u0301'.repeat(4)}[+596 marks]`,
    ]);
  });
});

describe('TaskList by agent', () => {
  const VERSIONS = [
    { id: 'sum-1', name: 'Document Summarizer', groupId: 'g-sum', version: 1, status: 'archived' },
    { id: 'sum-2', name: 'Document Summarizer', groupId: 'g-sum', version: 2, status: 'published' },
    { id: 'sum-3', name: 'Document Summarizer', groupId: 'g-sum', version: 3, status: 'draft' },
    { id: 'inv-1', name: 'Invoice Extractor', groupId: 'g-inv', version: 1, status: 'published' },
  ];

  function ByAgent() {
    const { filters } = useTaskFilters();
    return (
      <>
        <TaskListFilterBar agents={VERSIONS} />
        <TaskList filters={filters} agents={VERSIONS} />
      </>
    );
  }

  it('offers one entry per agent, versions only when asked, and lists the tasks of every version', async () => {
    const { requests } = stubFetch(
      taskServer([
        task({ agent_id: 'sum-2', title: 'Summary on v2' }),
        task({ agent_id: 'inv-1', title: 'An invoice' }),
        task({ agent_id: 'sum-1', title: 'Summary on v1' }),
      ]),
    );
    const user = userEvent.setup();
    const { location } = renderWithProviders(<ByAgent />, { path: '/tasks' });
    const filter = screen.getByRole('combobox', { name: 'Filter by agent' });
    expect(
      within(filter)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All agents', 'Document Summarizer', 'Invoice Extractor']);

    await user.selectOptions(filter, 'Document Summarizer');
    expect(location.history?.at(-1)).toBe('/tasks?agent=g-sum');
    const list = await taskList();
    expect(await within(list).findByRole('link', { name: 'Summary on v1' })).toBeVisible();
    expect(within(list).getByRole('link', { name: 'Summary on v2' })).toBeVisible();
    expect(within(list).queryByRole('link', { name: 'An invoice' })).not.toBeInTheDocument();
    // One agent_id cannot name three versions: the list is read without it and narrowed here.
    expect(listReads(requests).at(-1)?.url.searchParams.has('agent_id')).toBe(false);

    await user.click(screen.getByRole('checkbox', { name: 'Show drafts and inactive' }));
    expect(
      within(filter)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'All agents',
      'Document Summarizer · all versions',
      'Document Summarizer v3 · Draft',
      'Document Summarizer v2',
      'Document Summarizer v1 · Archived',
      'Invoice Extractor v1',
    ]);
    await user.selectOptions(filter, 'Document Summarizer v1 · Archived');
    await waitFor(() =>
      expect(listReads(requests).at(-1)?.url.searchParams.get('agent_id')).toBe('sum-1'),
    );
  });
});
