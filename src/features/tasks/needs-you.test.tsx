import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TaskTabProps } from '@/entities/task/tab-props';
import { json, stubFetch } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { NeedsYou } from './needs-you';
import { writeTasks } from '@/entities/task/cache';

const WAITING = '11111111-1111-4111-8111-111111111111';
const REVIEW = '22222222-2222-4222-8222-222222222222';

function stubNotifications(permission: NotificationPermission, answer: NotificationPermission) {
  const requestPermission = vi.fn(() => Promise.resolve(answer));
  // A getter, not a value: the browser's answer changes what `permission` says afterwards.
  const Notification = Object.defineProperty({ requestPermission }, 'permission', {
    get: () => (requestPermission.mock.calls.length > 0 ? answer : permission),
  });
  vi.stubGlobal('Notification', Notification);
  return requestPermission;
}

describe('NeedsYou', () => {
  it('links each waiting task to where the person acts', async () => {
    const { queryClient } = renderWithProviders(<NeedsYou />);
    const region = screen.getByRole('region', { name: 'Needs you' });
    expect(region).toHaveTextContent('Nothing needs you right now.');

    act(() =>
      writeTasks(queryClient, [
        {
          task_id: WAITING,
          status: 'waiting_for_input',
          title: 'Invoice March',
          created_at: '2026-05-11T10:00:00Z',
        },
        {
          task_id: REVIEW,
          status: 'awaiting_review',
          title: 'Contract check',
          created_at: '2026-05-11T09:00:00Z',
        },
        { task_id: '33333333-3333-4333-8333-333333333333', status: 'running', title: 'Busy' },
      ]),
    );

    const answer = await within(region).findByRole('link', { name: 'Invoice March' });
    expect(answer).toHaveAttribute('href', `/tasks/${WAITING}?tab=conversation`);
    expect(within(region).getByRole('link', { name: 'Contract check' })).toHaveAttribute(
      'href',
      `/tasks/${REVIEW}`,
    );
    expect(region).toHaveTextContent('Waiting for input');
    expect(region).toHaveTextContent('Awaiting review');
    expect(within(region).queryByRole('link', { name: 'Busy' })).not.toBeInTheDocument();
    expect(region).not.toHaveTextContent('Nothing needs you right now.');
  });

  it('asks for notification permission only when the person clicks', async () => {
    localStorage.clear();
    const requestPermission = stubNotifications('default', 'granted');
    const user = userEvent.setup();
    renderWithProviders(<NeedsYou />);
    expect(requestPermission).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Notify me when a task needs me' }));
    expect(requestPermission).toHaveBeenCalledOnce();
    expect(await screen.findByText('Notifications on')).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Turn notifications off' }));
    expect(screen.getByRole('button', { name: 'Notify me when a task needs me' })).toBeVisible();
  });

  it('says when the browser blocks notifications or cannot show them', () => {
    stubNotifications('denied', 'denied');
    const { unmount } = renderWithProviders(<NeedsYou />);
    expect(screen.getByText(/browser blocks notifications/)).toBeVisible();
    unmount();
    vi.unstubAllGlobals();

    renderWithProviders(<NeedsYou />);
    expect(screen.getByText('This browser cannot show notifications.')).toBeVisible();
  });
});

describe('NeedsYou, acting in place', () => {
  const tasks = [
    {
      task_id: WAITING,
      status: 'waiting_for_input',
      title: 'Invoice March',
      created_at: '2026-05-11T10:00:00Z',
    },
    {
      task_id: REVIEW,
      status: 'awaiting_review',
      title: 'Contract check',
      created_at: '2026-05-11T09:00:00Z',
    },
  ];
  /** What the page hands in: here, stand-ins that show what they were given. */
  function Answer({ taskId, task }: TaskTabProps) {
    return (
      <label>
        Reply
        <textarea defaultValue={`${taskId} ${task.status}`} />
      </label>
    );
  }
  function Decide({ taskId }: TaskTabProps) {
    return <button type="button">Approve {taskId}</button>;
  }

  it('opens a waiting task in its row to answer it there, without leaving the list', async () => {
    const user = userEvent.setup();
    const { queryClient, location } = renderWithProviders(
      <NeedsYou answer={Answer} decide={Decide} />,
      { path: '/tasks' },
    );
    act(() => writeTasks(queryClient, tasks));
    const region = screen.getByRole('region', { name: 'Needs you' });
    const item = (await within(region).findAllByRole('listitem')).find((element) =>
      element.textContent?.includes('Invoice March'),
    ) as HTMLElement;

    const toggle = within(item).getByRole('button', { name: 'Answer' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAccessibleDescription('Invoice March');
    expect(within(item).queryByRole('textbox', { name: 'Reply' })).toBeNull();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(within(item).getByRole('textbox', { name: 'Reply' })).toHaveValue(
      `${WAITING} waiting_for_input`,
    );
    expect(location.history).toEqual(['/tasks']);

    // The task moves on: the item leaves the list.
    act(() => writeTasks(queryClient, [{ task_id: WAITING, status: 'running' }]));
    await waitFor(() => expect(within(region).queryByText('Invoice March')).toBeNull());
  });

  it('shows the Review card of a task awaiting review, with what it approves and the decision', async () => {
    const draft = { to: 'ann@example.com', subject: 'Renewal <b>now</b>', body: 'Hi Ann,\u202e' };
    const { requests } = stubFetch((request) =>
      request.url.pathname.endsWith(`/tasks/${REVIEW}/result`)
        ? json({
            task_id: REVIEW,
            feed: [
              { type: 'tool_call', name: 'draft_email', arguments: draft, output: { id: 'd' } },
              {
                type: 'review',
                name: 'send_email',
                arguments: draft,
                content: 'Cannot be undone.',
              },
            ],
          })
        : json({ error: 'unexpected' }, { status: 404 }),
    );
    const user = userEvent.setup();
    const { queryClient } = renderWithProviders(<NeedsYou answer={Answer} decide={Decide} />);
    act(() => writeTasks(queryClient, tasks));
    const region = screen.getByRole('region', { name: 'Needs you' });
    await user.click(await within(region).findByRole('button', { name: 'Show review' }));

    const review = within(region).getByRole('region', { name: 'Review' });
    expect(await within(review).findByText('send_email')).toBeVisible();
    expect(review).toHaveTextContent('Cannot be undone.');
    expect(within(review).getByText('ann@example.com')).toBeVisible();
    // Markup in an argument stays text; a hidden direction override is spelled out.
    expect(within(review).getByText('Renewal <b>now</b>')).toBeVisible();
    expect(review.querySelector('b')).toBeNull();
    expect(review).toHaveTextContent('U+202E');
    expect(within(review).getByRole('button', { name: `Approve ${REVIEW}` })).toBeVisible();
    expect(requests.filter((request) => request.url.pathname.endsWith('/result'))).toHaveLength(1);
  });

  it('without a reply from the page, a waiting task only links to its conversation', async () => {
    const { queryClient } = renderWithProviders(<NeedsYou />);
    act(() => writeTasks(queryClient, tasks));
    const region = screen.getByRole('region', { name: 'Needs you' });
    await within(region).findByRole('link', { name: 'Invoice March' });
    expect(within(region).queryByRole('button', { name: 'Answer' })).toBeNull();
    expect(within(region).getByRole('button', { name: 'Show review' })).toBeVisible();
  });
});

describe('NeedsYou with a full cache', () => {
  it('costs nothing on cache events that do not concern it: no task is copied or serialized', async () => {
    const tasks = Array.from({ length: 2_000 }, (_, index) => ({
      task_id: `t-${index}`,
      status: index % 100 === 0 ? 'waiting_for_input' : 'running',
      title: `Task ${index}`,
      created_at: '2026-05-11T10:00:00Z',
    }));
    const { queryClient } = renderWithProviders(<NeedsYou />);
    act(() => writeTasks(queryClient, tasks));
    expect(await screen.findAllByRole('link')).toHaveLength(20);
    const stringify = vi.spyOn(JSON, 'stringify');
    act(() => {
      for (let index = 0; index < 50; index++)
        queryClient.setQueryData(['unrelated', index], index);
    });
    // (Query keys are hashed as JSON; tasks must not be.)
    const calls = [...stringify.mock.calls];
    stringify.mockRestore();
    const copiedTasks = calls.filter(([value]) =>
      JSON.stringify(value ?? null).includes('task_id'),
    );
    expect(copiedTasks).toEqual([]);
  });
});
