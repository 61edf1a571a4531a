import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, stubFetch, type FetchHandler } from '@/test/fetch-stub';
import { agentFixture, pageFixture } from '@/test/fixtures';
import { renderWithProviders } from '@/test/render';
import { AppShell } from './app';

const simulatorBackend: FetchHandler = (request) => {
  if (request.url.pathname === '/__console/backend') {
    return json({ mode: 'simulator', label: 'Simulator' });
  }
  if (request.url.pathname === '/api/v1/agents') {
    return json(pageFixture([agentFixture({ name: 'Invoice Extractor' })]));
  }
  return json({ error: 'Not found' }, { status: 404 });
};

describe('the app shell', () => {
  it('has a Main navigation with New run and Tasks, the current one marked', () => {
    stubFetch(simulatorBackend);
    renderWithProviders(<AppShell />, { path: '/' });

    const nav = screen.getByRole('navigation', { name: 'Main' });
    const newRun = within(nav).getByRole('link', { name: 'New run' });
    const tasks = within(nav).getByRole('link', { name: 'Tasks' });
    expect(newRun).toHaveAttribute('href', '/');
    expect(tasks).toHaveAttribute('href', '/tasks');
    expect(newRun).toHaveAttribute('aria-current', 'page');
    expect(tasks).not.toHaveAttribute('aria-current');
  });

  it('offers Sign out on a console that signs people in, and names a proxy-signed user', async () => {
    stubFetch((request) =>
      request.url.pathname === '/__console/backend'
        ? json({
            mode: 'simulator',
            label: 'Simulator',
            session: { mode: 'password', user: 'signed in', signOut: '/sign-out' },
          })
        : simulatorBackend(request),
    );
    renderWithProviders(<AppShell />, { path: '/' });
    const signOut = await screen.findByRole('button', { name: 'Sign out' });
    expect(signOut.closest('form')).toHaveAttribute('action', '/sign-out');
    expect(signOut.closest('form')).toHaveAttribute('method', 'post');
  });

  it('names the user a sign-in proxy vouches for, with no Sign out of its own', async () => {
    stubFetch((request) =>
      request.url.pathname === '/__console/backend'
        ? json({
            mode: 'simulator',
            label: 'Simulator',
            session: { mode: 'header', user: 'ada@example.com', signOut: null },
          })
        : simulatorBackend(request),
    );
    renderWithProviders(<AppShell />, { path: '/' });
    expect(await screen.findByText('ada@example.com')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
  });

  it('offers New run from the Tasks page, and a Task ID field that does not look like an id', async () => {
    stubFetch(simulatorBackend);
    renderWithProviders(<AppShell />, { path: '/tasks' });
    const main = screen.getByRole('main');
    expect(await within(main).findByRole('link', { name: 'New run' })).toHaveAttribute('href', '/');
    expect(within(main).getByLabelText('Task ID')).toHaveAttribute(
      'placeholder',
      'Paste a task ID',
    );
  });

  it('moves focus to the new page heading on navigation, not on the first load', async () => {
    stubFetch(simulatorBackend);
    const user = userEvent.setup();
    renderWithProviders(<AppShell />, { path: '/' });
    await screen.findByRole('heading', { level: 1, name: 'New run' });
    expect(document.activeElement).toBe(document.body);

    await user.click(
      within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Tasks' }),
    );
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1, name: 'Tasks' })).toHaveFocus(),
    );
  });

  it('shows the backend in the connection indicator: Simulator', async () => {
    const { requests } = stubFetch(simulatorBackend);
    renderWithProviders(<AppShell />);

    const indicator = screen.getByRole('status', { name: 'Backend: connecting…' });
    expect(indicator).toHaveTextContent('Connecting…');
    expect(await screen.findByRole('status', { name: 'Backend: Simulator' })).toHaveTextContent(
      /^Simulator$/,
    );
    expect(requests.some((request) => request.url.pathname === '/__console/backend')).toBe(true);
  });

  it('shows the upstream host when proxying to the real API', async () => {
    stubFetch((request) =>
      request.url.pathname === '/__console/backend'
        ? json({
            mode: 'upstream',
            label: 'agents.nanonets.com',
            baseUrl: 'https://agents.nanonets.com',
          })
        : json(pageFixture([])),
    );
    renderWithProviders(<AppShell />);
    expect(
      await screen.findByRole('status', { name: 'Backend: agents.nanonets.com' }),
    ).toHaveTextContent(/^agents\.nanonets\.com$/);
  });

  it('says "Backend unknown" when the dashboard server does not answer', async () => {
    stubFetch((request) =>
      request.url.pathname === '/__console/backend'
        ? new Response('', { status: 500 })
        : json(pageFixture([])),
    );
    renderWithProviders(<AppShell />);
    expect(await screen.findByRole('status', { name: 'Backend unknown' })).toHaveTextContent(
      /^Backend unknown$/,
    );
  });

  it('has a skip link to the main landmark', () => {
    stubFetch(simulatorBackend);
    renderWithProviders(<AppShell />);
    const main = screen.getByRole('main');
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(skip).toHaveAttribute('href', `#${main.id}`);
  });

  it('shows the run form on the New run page', async () => {
    stubFetch(simulatorBackend);
    renderWithProviders(<AppShell />);
    expect(screen.getByRole('heading', { level: 1, name: 'New run' })).toBeInTheDocument();
    expect(await screen.findByRole('combobox', { name: 'Agent' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Query' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Output schema' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Instructions' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toBeInTheDocument();
  });

  it('navigates to Tasks and moves aria-current with it', async () => {
    const user = userEvent.setup();
    stubFetch(simulatorBackend);
    const { location } = renderWithProviders(<AppShell />);

    const nav = screen.getByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Tasks' }));

    expect(location.history.at(-1)).toBe('/tasks');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tasks' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Tasks' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(nav).getByRole('link', { name: 'New run' })).not.toHaveAttribute('aria-current');
  });

  it('titles a task view with its id until it has a title, and keeps Tasks current there', async () => {
    const taskId = '3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
    stubFetch((request) =>
      request.url.pathname === `/api/v1/tasks/${taskId}`
        ? json({
            task_id: taskId,
            agent_id: 'a1',
            status: 'pending',
            created_at: new Date().toISOString(),
          })
        : simulatorBackend(request),
    );
    renderWithProviders(<AppShell />, { path: `/tasks/${taskId}` });
    expect(await screen.findByRole('heading', { level: 1, name: taskId })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Tasks' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('shows a not-found page for unknown addresses, with the shell intact', async () => {
    stubFetch(simulatorBackend);
    renderWithProviders(<AppShell />, { path: '/no/such/page' });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
  });
});
