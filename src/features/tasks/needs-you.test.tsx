import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
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
