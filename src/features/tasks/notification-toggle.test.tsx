import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { NotificationToggle } from './notification-toggle';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('NotificationToggle', () => {
  it('says when the browser blocks notifications, and once dismissed stays dismissed', async () => {
    vi.stubGlobal('Notification', { permission: 'denied', requestPermission: vi.fn() });
    const user = userEvent.setup();
    const { unmount } = renderWithProviders(<NotificationToggle />);
    expect(screen.getByText(/Your browser blocks notifications/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/Your browser blocks notifications/)).not.toBeInTheDocument();

    // Another page, another visit: still gone.
    unmount();
    renderWithProviders(<NotificationToggle />);
    expect(screen.queryByText(/Your browser blocks notifications/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Dismiss' })).not.toBeInTheDocument();
  });

  it('offers to turn them on where the browser allows asking', () => {
    vi.stubGlobal('Notification', { permission: 'default', requestPermission: vi.fn() });
    renderWithProviders(<NotificationToggle />);
    expect(screen.getByRole('button', { name: 'Notify me when a task needs me' })).toBeEnabled();
  });
});
