/** The whole app against an in-memory API, on faked time: every task shown where it really is, in
 *  any filter, page or background tab, and the question that waits for the person reaching them. */
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json } from '@/test/fetch-stub';
import { fakeApi, fakeTask, withFakeTime, type FakeTask } from '@/test/fake-api';
import { renderWithProviders } from '@/test/render';
import { AppShell } from './app';

const { advance } = withFakeTime();
const taskList = () => screen.findByRole('list', { name: 'Tasks' });
const rows = async () => within(await taskList()).getAllByRole('listitem');
const LIVE_LABELS = /^(Pending|Queued|Running|Waiting for input|Awaiting review)$/;

function liveLabelsIn(elements: HTMLElement[]): string[] {
  return elements.flatMap((row) =>
    [...row.querySelectorAll('span')]
      .map((span) => span.textContent ?? '')
      .filter((text) => LIVE_LABELS.test(text)),
  );
}

/** Hides the tab as a browser does: `visibilityState` and the event TanStack Query listens to. */
function hideTab() {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('every task where it really is', () => {
  it('keeps every live row current with 150 live tasks, and shows each finished one finished', async () => {
    const live = Array.from({ length: 150 }, (_, i) => fakeTask({ order: 100 + i }));
    const api = fakeApi(live);
    renderWithProviders(<AppShell />, { path: '/tasks' });
    await waitFor(async () => expect(liveLabelsIn(await rows())).not.toHaveLength(0));
    // Scroll to the end, page after page, until all 150 are listed: rows of the last page show.
    const scroller = (await taskList()).parentElement as HTMLElement;
    await waitFor(async () => {
      act(() => {
        scroller.scrollTop = 150 * 48;
        scroller.dispatchEvent(new Event('scroll'));
      });
      expect((await rows())[0]).toHaveAttribute('aria-setsize', '150');
    });
    await waitFor(async () =>
      expect((await rows()).some((row) => row.textContent?.includes(live[0]?.title ?? ''))).toBe(
        true,
      ),
    );
    expect(liveLabelsIn(await rows())).not.toHaveLength(0);

    for (const task of live) api.update(task.task_id, { status: 'completed' });
    await advance(30_000);
    // The rows of the last page, the oldest, are finished too.
    await waitFor(async () => expect(liveLabelsIn(await rows())).toEqual([]));
    expect(within(await taskList()).getAllByText('Completed').length).toBeGreaterThan(5);
    // Each tick of the live refresh walked both pages of live tasks, never one task at a time.
    const walks = api.reads('/api/v1/tasks').filter((r) => r.url.searchParams.has('status'));
    expect(walks.some((r) => r.url.searchParams.get('cursor') === '100')).toBe(true);
    expect(api.requests.filter((r) => /^\/api\/v1\/tasks\/[^/]+$/.test(r.url.pathname))).toEqual(
      [],
    );
  });

  it('shows every row’s true status when the list’s items carry none', async () => {
    const api = fakeApi(
      [
        fakeTask({ status: 'completed', title: 'Done one' }),
        fakeTask({ status: 'failed', title: 'Broken one' }),
        fakeTask({ status: 'waiting_for_input', title: 'Asking one' }),
      ],
      { listWithoutStatus: true },
    );
    renderWithProviders(<AppShell />, { path: '/tasks' });
    await waitFor(async () => {
      const text = (await rows()).map((row) => row.textContent ?? '');
      expect(text.find((row) => row.includes('Done one'))).toContain('Completed');
      expect(text.find((row) => row.includes('Broken one'))).toContain('Failed');
      expect(text.find((row) => row.includes('Asking one'))).toContain('Waiting for input');
    });
    expect(screen.queryByText(/^(Unknown|No status)/)).not.toBeInTheDocument();
    // Each was read once for its status, and not again however long the list stays open.
    await advance(60_000);
    const ownReads = api.requests
      .filter((r) => /^\/api\/v1\/tasks\/[^/]+$/.test(r.url.pathname))
      .map((r) => r.url.pathname);
    expect(ownReads).toHaveLength(3);
    expect(new Set(ownReads).size).toBe(3);
  });

  it('offers later pages however the first page first answered, and lists each task once', async () => {
    const first = Array.from({ length: 10 }, (_, i) => fakeTask({ order: 100 + i }));
    const api = fakeApi(first);
    renderWithProviders(<AppShell />, { path: '/tasks' });
    await waitFor(async () => expect(await rows()).toHaveLength(10));
    expect((await rows())[0]).toHaveAttribute('aria-setsize', '10');

    // Sixty arrive: more than a page of them, after a first page that said there was no more.
    const arrived = Array.from({ length: 60 }, (_, i) => fakeTask({ order: 1_000 + i }));
    api.add(...arrived);
    await advance(16_000);
    await waitFor(async () => expect((await rows())[0]).toHaveAttribute('aria-setsize', '70'));
    const firstRow = within((await rows())[0] as HTMLElement).getByRole('link');
    expect(firstRow).toHaveAccessibleName(arrived.at(-1)?.title);
  });
});

describe('the question that waits reaches the person', () => {
  const waiting = (overrides: Partial<FakeTask> = {}) =>
    fakeTask({ status: 'waiting_for_input', title: 'Which total?', order: 5_000, ...overrides });

  it('in a list filtered to something else: Needs you names it and the title counts it', async () => {
    const api = fakeApi([fakeTask({ status: 'completed', title: 'Old one' })]);
    renderWithProviders(<AppShell />, { path: '/tasks?status=completed' });
    await screen.findByRole('link', { name: 'Old one' });
    expect(document.title).not.toMatch(/^\(1\)/);

    api.add(waiting());
    await advance(16_000);
    const needsYou = screen.getByRole('region', { name: 'Needs you' });
    expect(await within(needsYou).findByRole('link', { name: 'Which total?' })).toBeVisible();
    await waitFor(() => expect(document.title).toMatch(/^\(1\) Tasks/));
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Tasks' })).toHaveAccessibleDescription(
      '1 task needs you',
    );
  });

  it('in a background tab: the title counts it within 45 s, at two requests a minute', async () => {
    const api = fakeApi([]);
    renderWithProviders(<AppShell />, { path: '/' });
    await screen.findByRole('heading', { name: 'New run' });
    await advance(1_000);
    hideTab();
    const before = api.requests.length;

    api.add(waiting());
    await advance(45_000);
    await waitFor(() => expect(document.title).toMatch(/^\(1\) New run/));
    await advance(75_000);
    // Two minutes hidden: the watcher alone asked, every 30 s.
    const hidden = api.requests.slice(before);
    expect(hidden.length).toBeLessThanOrEqual(4);
    expect(hidden.every((r) => r.url.searchParams.get('status')?.startsWith('waiting'))).toBe(true);
  });
});

describe('one connection state', () => {
  it('the banner, the backend indicator and the list’s note show and clear together', async () => {
    let down = false;
    const api = fakeApi([fakeTask({ status: 'running', title: 'Kept on screen', order: 9_000 })], {
      intercept: (request) =>
        down && request.url.pathname.startsWith('/api/')
          ? json({ error: 'Unavailable' }, { status: 503 })
          : undefined,
    });
    renderWithProviders(<AppShell />, { path: '/tasks' });
    await screen.findByRole('link', { name: 'Kept on screen' });
    await screen.findByRole('status', { name: 'Backend: Simulator' });

    down = true;
    await advance(40_000);
    expect(screen.getByRole('alert')).toHaveTextContent('Reconnecting');
    expect(screen.getByRole('status', { name: /Simulator, not answering/ })).toBeVisible();
    expect(screen.getByText(/Couldn’t refresh the list/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Kept on screen' })).toBeVisible();

    down = false;
    await advance(31_000);
    await waitFor(() => expect(screen.queryByText(/Reconnecting/)).not.toBeInTheDocument());
    expect(screen.queryByText(/Couldn’t refresh the list/)).not.toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Backend: Simulator' })).toBeVisible();
    void api;
  });
});
