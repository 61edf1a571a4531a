import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TaskListItem } from '@/api/schemas';
import { rememberTaskInputs, TASK_INPUTS_KEY, type TaskInputs } from '@/lib/task-inputs';
import { json, stubFetch, type RecordedRequest } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { TaskList } from './task-list';
import { NO_FILTERS } from '@/entities/task/filters';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const row = (n: number, title: string, status: string): TaskListItem => ({
  task_id: id(n),
  agent_id: 'agent-1',
  agent_name: 'Ledger Sync',
  status,
  title,
  created_at: `2026-05-11T10:0${n}:00Z`,
  updated_at: `2026-05-11T10:0${n}:30Z`,
});
const TASKS = [
  row(5, 'Live two', 'running'),
  row(4, 'Live one', 'awaiting_review'),
  row(3, 'Done one', 'failed'),
  row(2, 'With files', 'completed'),
  row(1, 'From elsewhere', 'completed'),
];
const inputs = (overrides: Partial<TaskInputs> = {}): TaskInputs => ({
  agentId: 'agent-1',
  query: 'Sync account GLOBEX-042',
  outputSchema: '{"type":"object"}',
  instructions: '',
  plainLanguage: false,
  fileNames: [],
  startedAt: Date.now() - 48 * 3_600_000,
  ...overrides,
});

function server(request: RecordedRequest) {
  const path = request.url.pathname;
  if (path === '/api/v1/tasks') {
    const live = request.url.searchParams.get('status')?.split(',');
    const data = live ? TASKS.filter((t) => live.includes(t.status ?? '')) : TASKS;
    return json({ data, has_more: false, next_cursor: null });
  }
  if (path === `/api/v1/tasks/${id(5)}/cancel`) return json({ ...TASKS[0], status: 'stopped' });
  if (path === `/api/v1/tasks/${id(4)}/cancel`) {
    return json({ error: 'Task is being reviewed by someone else.' }, { status: 409 });
  }
  if (path === '/api/v1/agents/agent-1/run') {
    return json({ task_id: id(9), agent_id: 'agent-1', status: 'pending', message: 'Started.' });
  }
  return json({ error: 'not here' }, { status: 404 });
}

afterEach(() => localStorage.removeItem(TASK_INPUTS_KEY));

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

const list = () => screen.findByRole('list', { name: 'Tasks' });
const bar = () => screen.getByRole('group', { name: 'Selected tasks' });

describe('TaskList bulk actions', () => {
  it('selects rows by their checkboxes, or all shown, and clears the selection', async () => {
    stubFetch(server);
    const user = userEvent.setup();
    renderWithProviders(<TaskList filters={NO_FILTERS} />, { path: '/tasks' });
    const rows = await list();
    await within(rows).findByRole('link', { name: 'Live two' });

    await user.click(within(rows).getByRole('checkbox', { name: 'Select Live two' }));
    expect(bar()).toHaveTextContent('1 selected');
    const all = screen.getByRole('checkbox', { name: 'Select all 5 shown tasks' });
    expect(all).toBePartiallyChecked();

    await user.click(all);
    expect(bar()).toHaveTextContent('5 selected');
    expect(within(rows).getByRole('checkbox', { name: 'Select From elsewhere' })).toBeChecked();

    await user.click(within(bar()).getByRole('button', { name: 'Clear selection' }));
    expect(within(rows).getByRole('checkbox', { name: 'Select Live two' })).not.toBeChecked();
    expect(within(bar()).queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
  });

  it('cancels the live ones after a confirmation that says how many, with each failure in the server’s words', async () => {
    const { requests } = stubFetch(server);
    const user = userEvent.setup();
    renderWithProviders(<TaskList filters={NO_FILTERS} />, { path: '/tasks' });
    const rows = await list();
    for (const name of ['Live two', 'Live one', 'Done one']) {
      await user.click(await within(rows).findByRole('checkbox', { name: `Select ${name}` }));
    }
    const cancel = within(bar()).getByRole('button', { name: 'Cancel' });
    await user.click(cancel);

    const dialog = screen.getByRole('dialog', { name: 'Cancel 2 tasks?' });
    expect(dialog).toHaveTextContent('1 selected task has already ended and is left as it is.');
    expect(within(dialog).getByRole('button', { name: 'Keep them running' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel 2 tasks' }));

    const report = await screen.findByText(/^Cancelled 1 task; 1 could not be cancelled\.$/);
    expect(report.closest('[role=status]')).toHaveTextContent(
      'Live one: Task is being reviewed by someone else.',
    );
    const cancels = requests.filter((r) => r.url.pathname.endsWith('/cancel'));
    expect(cancels.map((r) => r.url.pathname).sort()).toEqual([
      `/api/v1/tasks/${id(4)}/cancel`,
      `/api/v1/tasks/${id(5)}/cancel`,
    ]);
    await waitFor(() => expect(within(rows).getAllByText('Stopped')).toHaveLength(1));
    expect(cancel).toHaveFocus();
  });

  it('runs again what this browser recorded, and says why not for the rest', async () => {
    rememberTaskInputs(id(3), inputs());
    rememberTaskInputs(id(2), inputs({ fileNames: ['memo.txt'] }));
    const { requests } = stubFetch(server);
    const user = userEvent.setup();
    renderWithProviders(<TaskList filters={NO_FILTERS} />, { path: '/tasks' });
    const rows = await list();
    for (const name of ['Done one', 'With files', 'From elsewhere']) {
      await user.click(await within(rows).findByRole('checkbox', { name: `Select ${name}` }));
    }
    await user.click(within(bar()).getByRole('button', { name: 'Run again' }));

    const headline = await screen.findByText(/^Started 1 new task;/);
    const report = headline.closest('[role=status]') as HTMLElement;
    expect(headline).toHaveTextContent('2 cannot be run again from here');
    expect(within(report).getByRole('link', { name: 'New run of Done one' })).toHaveAttribute(
      'href',
      `/tasks/${id(9)}`,
    );
    expect(report).toHaveTextContent('With files: it was given files');
    expect(report).toHaveTextContent('From elsewhere: this browser has no record');
    expect(within(report).getByRole('link', { name: 'Run again: With files' })).toHaveAttribute(
      'href',
      `/?agent=agent-1&rerun=${id(2)}`,
    );

    const runs = requests.filter((r) => r.url.pathname === '/api/v1/agents/agent-1/run');
    expect(runs).toHaveLength(1);
    expect(JSON.parse(runs[0]?.body as string)).toEqual({
      query: 'Sync account GLOBEX-042',
      output_config: { output_schema: '{"type":"object"}' },
    });
    // The new task joins the list at once, under the query it was run with.
    expect(
      await within(rows).findByRole('link', { name: 'Sync account GLOBEX-042' }),
    ).toBeVisible();
  });
});
