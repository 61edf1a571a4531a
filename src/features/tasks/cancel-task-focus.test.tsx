import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CachedTask } from '@/entities/task/cache';
import { writeTasks } from '@/entities/task/cache';
import { useTask } from '@/entities/task/hooks';
import { isTerminal } from '@/entities/task/status';
import { taskStoppedAt } from '@/lib/task-stops';
import { json, stubFetch } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { CancelTaskButton } from './cancel-task-button';

// jsdom has `<dialog>` but not its methods. Closing gives focus back to what had it, as browsers do.
beforeAll(() => {
  if ('showModal' in HTMLDialogElement.prototype) return;
  const opener = new WeakMap<HTMLDialogElement, Element | null>();
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      opener.set(this, document.activeElement);
      this.open = true;
    },
    close(this: HTMLDialogElement) {
      if (!this.open) return;
      this.open = false;
      (opener.get(this) as HTMLElement | null)?.focus();
      this.dispatchEvent(new Event('close'));
    },
  });
});

let counter = 0;
const STOPPED_AT = '2026-05-11T10:15:20.000Z';

function taskState(taskId: string, status: string): CachedTask {
  return {
    task_id: taskId,
    agent_id: 'agent-1',
    status,
    title: 'Research heat pumps',
    created_at: '2026-05-11T10:15:00.000Z',
    updated_at: status === 'stopped' ? STOPPED_AT : '2026-05-11T10:15:10.000Z',
  };
}

/** The header's shape: the task's heading, and Cancel task only while the task is live. */
function Header({ taskId }: { taskId: string }) {
  const { task } = useTask(taskId);
  return (
    <header>
      <h1>Research heat pumps</h1>
      {task && !isTerminal(task.status) ? <CancelTaskButton taskId={taskId} /> : null}
    </header>
  );
}

function renderHeader(cancelAnswer: () => Response) {
  const taskId = `cancel-focus-${++counter}`;
  stubFetch((request) =>
    request.method === 'POST' ? cancelAnswer() : json(taskState(taskId, 'running')),
  );
  renderWithProviders(<Header taskId={taskId} />, {
    seed: (client) => writeTasks(client, [taskState(taskId, 'running')]),
  });
  return taskId;
}

describe('focus around Cancel task', () => {
  it('lands on the task heading once the cancel took and the button is gone', async () => {
    let taskId = '';
    taskId = renderHeader(() => json(taskState(taskId, 'stopped')));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Cancel task' }));
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel task' }),
    );
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Research heat pumps' })).toHaveFocus(),
    );
    expect(screen.queryByRole('button', { name: 'Cancel task' })).toBeNull();
    // The stop is remembered with the server's time of it, for the trace.
    expect(taskStoppedAt(taskId)).toBe(STOPPED_AT);
  });

  it('stays on the button when the cancel failed', async () => {
    const taskId = renderHeader(() => json({ error: 'Nope' }, { status: 403 }));
    const user = userEvent.setup();
    const trigger = screen.getByRole('button', { name: 'Cancel task' });
    await user.click(trigger);
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel task' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('could not be cancelled');
    expect(trigger).toHaveFocus();
    expect(taskStoppedAt(taskId)).toBeUndefined();
  });

  it('goes back to the button when the dialog is dismissed', async () => {
    renderHeader(() => json({ error: 'not sent' }, { status: 500 }));
    const user = userEvent.setup();
    const trigger = screen.getByRole('button', { name: 'Cancel task' });
    await user.click(trigger);
    await user.click(screen.getByRole('button', { name: 'Keep it running' }));
    expect(trigger).toHaveFocus();
  });
});
