import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { createQueryClient } from '@/app/query-client';
import { taskKeys } from '@/entities/task/keys';
import { json, stubFetch, type RecordedRequest } from '@/test/fetch-stub';
import { CompareView } from './compare-view';

const AGENT = '11111111-1111-4111-8111-111111111111';
const LEFT = 'aaaaaaaa-0000-4000-8000-000000000001';
const RIGHT = 'aaaaaaaa-0000-4000-8000-000000000002';
const OTHER = 'aaaaaaaa-0000-4000-8000-000000000003';

function task(taskId: string, fields: Record<string, unknown> = {}) {
  return {
    task_id: taskId,
    agent_id: AGENT,
    status: 'completed',
    title: `Invoice ${taskId.slice(-1)}`,
    created_at: '2026-05-11T10:15:00Z',
    updated_at: '2026-05-11T10:15:42Z',
    ...fields,
  };
}

/** A summary with extracted data, the way the simulator lays it out (API notes §5.1). */
function summary(taskId: string, extracted: unknown) {
  return {
    ...task(taskId),
    result: { summary: `Extracted ${taskId.slice(-1)}`, extracted_data: extracted },
  };
}

type Routes = Record<string, () => Response>;

function api(routes: Routes) {
  return stubFetch((request: RecordedRequest) => {
    const key = `${request.url.pathname}${request.url.search}`;
    const route = routes[key] ?? routes[request.url.pathname];
    if (route) return route();
    if (request.url.pathname.endsWith('/messages')) return json({ data: [] });
    if (request.url.pathname === '/api/v1/tasks') {
      return json({ data: [], has_more: false, next_cursor: null });
    }
    return json({ error: `No route for ${key}` }, { status: 404 });
  });
}

function renderCompare(search: string) {
  const queryClient = createQueryClient({ queries: { retry: false } });
  const location = memoryLocation({ path: `/compare${search}`, record: true });
  render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Router hook={location.hook} searchHook={location.searchHook}>
          <CompareView />
        </Router>
      </QueryClientProvider>
    </StrictMode>,
  );
  return { location, queryClient };
}

const side = (name: 'Left' | 'Right') =>
  screen.getByRole('region', { name: new RegExp(`^${name}:`) });

describe('CompareView', () => {
  it('shows each side loading while its task is read', () => {
    stubFetch(() => new Promise<Response>(() => {}));
    renderCompare(`?a=${LEFT}&b=${RIGHT}`);
    for (const name of ['Left', 'Right'] as const) {
      expect(within(side(name)).getByText('Loading the task…')).toBeInTheDocument();
    }
    expect(screen.queryByRole('table', { name: 'Differences' })).not.toBeInTheDocument();
  });

  it('says which side the API does not know, in its words, and offers another task', async () => {
    const { requests } = api({
      [`/api/v1/tasks/${LEFT}`]: () => json(task(LEFT)),
      [`/api/v1/tasks/${LEFT}/summary`]: () => json(summary(LEFT, { total: 1 })),
      [`/api/v1/tasks/${RIGHT}`]: () =>
        json({ error: `Task ${RIGHT} not found in this workspace` }, { status: 404 }),
      '/api/v1/tasks': () => json({ data: [task(OTHER)], has_more: false, next_cursor: null }),
    });
    const { location } = renderCompare(`?a=${LEFT}&b=${RIGHT}`);

    const right = side('Right');
    expect(await within(right).findByText('No task with this id')).toBeVisible();
    expect(within(right).getByText(`Task ${RIGHT} not found in this workspace`)).toBeVisible();
    expect(await within(side('Left')).findByRole('link', { name: 'Invoice 1' })).toBeVisible();
    expect(
      screen.getByText(/Field-by-field differences show once both tasks are known/),
    ).toBeVisible();
    // Its task is never asked for again, nor its answer.
    expect(requests.filter((r) => r.url.pathname.startsWith(`/api/v1/tasks/${RIGHT}/`))).toEqual(
      [],
    );

    // Another task of the same agent takes its place.
    await userEvent.click(await within(right).findByRole('button', { name: /Invoice 3/ }));
    expect(location.history.at(-1)).toBe(`/compare?a=${LEFT}&b=${OTHER}`);
    expect(requests.some((r) => r.url.searchParams.get('agent_id') === AGENT)).toBe(true);
  });

  it('says when a finished task extracted nothing, after looking in its trace', async () => {
    const { requests } = api({
      [`/api/v1/tasks/${LEFT}`]: () => json(task(LEFT)),
      [`/api/v1/tasks/${LEFT}/summary`]: () => json(summary(LEFT, { total: 505.51 })),
      [`/api/v1/tasks/${RIGHT}`]: () => json(task(RIGHT)),
      [`/api/v1/tasks/${RIGHT}/summary`]: () =>
        json({ ...task(RIGHT), result: { summary: 'Nothing to extract', completed_at: 'x' } }),
      [`/api/v1/tasks/${RIGHT}/result`]: () =>
        json({ ...task(RIGHT), feed: [{ type: 'task_complete', name: 'task_complete' }] }),
    });
    renderCompare(`?a=${LEFT}&b=${RIGHT}`);

    expect(
      await screen.findByText('The right task has no extracted data to compare.'),
    ).toBeVisible();
    expect(within(side('Right')).getByText('Nothing to extract')).toBeVisible();
    expect(screen.queryByRole('table', { name: 'Differences' })).not.toBeInTheDocument();
    expect(
      requests.filter((r) => r.url.pathname.endsWith('/result')).map((r) => r.url.pathname),
    ).toEqual([`/api/v1/tasks/${RIGHT}/result`]);
  });

  it('lists the fields that differ with their delta, and hides the equal ones on request', async () => {
    api({
      [`/api/v1/tasks/${LEFT}`]: () => json(task(LEFT)),
      [`/api/v1/tasks/${LEFT}/summary`]: () =>
        json(summary(LEFT, { invoice_number: 'INV-1', total: 505.51, currency: 'EUR' })),
      [`/api/v1/tasks/${RIGHT}`]: () => json(task(RIGHT, { status: 'completed' })),
      [`/api/v1/tasks/${RIGHT}/summary`]: () =>
        json(summary(RIGHT, { invoice_number: 'INV-1', total: 520, vendor: 'ACME' })),
    });
    const { location } = renderCompare(`?a=${LEFT}&b=${RIGHT}`);

    const table = await screen.findByRole('table', { name: 'Differences' });
    const total = within(table).getByRole('row', { name: /^total/ });
    expect(total).toHaveTextContent('505.51');
    expect(total).toHaveTextContent('520');
    expect(total).toHaveTextContent('changed +14.49 (+2.87%)');
    expect(within(table).getByRole('row', { name: /^vendor/ })).toHaveTextContent('missing');
    expect(within(table).getByRole('row', { name: /^vendor/ })).toHaveTextContent('added');
    expect(within(table).getByRole('row', { name: /^currency/ })).toHaveTextContent('removed');
    expect(screen.getByLabelText('Field counts')).toHaveTextContent(
      '1 equal · 1 changed · 1 added · 1 removed',
    );

    await userEvent.click(screen.getByRole('checkbox', { name: 'Only differences' }));
    expect(within(table).queryByRole('row', { name: /^invoice_number/ })).not.toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /^total/ })).toBeVisible();
    // Kept in the URL, so a reload or a shared link shows the same.
    expect(location.history.at(-1)).toBe(`/compare?a=${LEFT}&b=${RIGHT}&only=1`);
  });

  it('matches list items by the key the person picks', async () => {
    const items = (qty: number) => [
      { sku: 'A-1', qty: 1 },
      { sku: 'B-2', qty },
    ];
    api({
      [`/api/v1/tasks/${LEFT}`]: () => json(task(LEFT)),
      [`/api/v1/tasks/${LEFT}/summary`]: () => json(summary(LEFT, { line_items: items(2) })),
      [`/api/v1/tasks/${RIGHT}`]: () => json(task(RIGHT)),
      [`/api/v1/tasks/${RIGHT}/summary`]: () =>
        json(summary(RIGHT, { line_items: items(3).reverse() })),
    });
    const { location } = renderCompare(`?a=${LEFT}&b=${RIGHT}`);

    const table = await screen.findByRole('table', { name: 'Differences' });
    expect(screen.getByLabelText('Field counts')).toHaveTextContent('0 equal · 4 changed');
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: /Match items of line_items by/ }),
      'sku',
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Field counts')).toHaveTextContent('3 equal · 1 changed'),
    );
    expect(
      within(table).getByRole('row', { name: /^line_items\[sku=B-2\]\.qty/ }),
    ).toHaveTextContent('changed +1 (+50%)');
    const url = new URL(location.history.at(-1) ?? '', 'http://console.test');
    expect(url.searchParams.get('match')).toBe('{"line_items":"sku"}');
  });

  it('opens with the choices a link carries', async () => {
    api({
      [`/api/v1/tasks/${LEFT}`]: () => json(task(LEFT)),
      [`/api/v1/tasks/${LEFT}/summary`]: () =>
        json(
          summary(LEFT, {
            n: 1,
            items: [
              { sku: 'A', q: 1 },
              { sku: 'B', q: 1 },
            ],
          }),
        ),
      [`/api/v1/tasks/${RIGHT}`]: () => json(task(RIGHT)),
      [`/api/v1/tasks/${RIGHT}/summary`]: () =>
        json(
          summary(RIGHT, {
            n: 1,
            items: [
              { sku: 'B', q: 1 },
              { sku: 'A', q: 2 },
            ],
          }),
        ),
    });
    const match = encodeURIComponent('{"items":"sku"}');
    renderCompare(`?a=${LEFT}&b=${RIGHT}&only=1&match=${match}`);

    const table = await screen.findByRole('table', { name: 'Differences' });
    expect(screen.getByRole('checkbox', { name: 'Only differences' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: /Match items of items by/ })).toHaveValue('sku');
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => row.firstElementChild?.textContent),
    ).toEqual(['items[sku=A].q']);
  });

  it('follows a running task to its end, asking again for an answer refused while it ran', async () => {
    let summaries = 0;
    const { requests } = api({
      [`/api/v1/tasks/${LEFT}`]: () => json(task(LEFT)),
      [`/api/v1/tasks/${LEFT}/summary`]: () => json(summary(LEFT, { total: 505.51 })),
      [`/api/v1/tasks/${RIGHT}`]: () => json(task(RIGHT, { status: 'running' })),
      [`/api/v1/tasks/${RIGHT}/summary`]: () =>
        (summaries += 1) === 1
          ? json({ error: 'The task has not finished yet' }, { status: 409 })
          : json(summary(RIGHT, { total: 520 })),
    });
    const { queryClient } = renderCompare(`?a=${LEFT}&b=${RIGHT}`);

    expect(await screen.findByText(/The right task is still running/)).toBeVisible();
    expect(await within(side('Right')).findByText(/No answer yet/)).toBeVisible();
    // The live refresh (here, by hand) learns that it ended.
    act(() => {
      queryClient.setQueryData(
        taskKeys.task(RIGHT),
        task(RIGHT, { updated_at: '2026-05-11T10:17:00Z' }),
      );
    });
    const table = await screen.findByRole('table', { name: 'Differences' });
    expect(within(table).getByRole('row', { name: /^total/ })).toHaveTextContent('+14.49');
    expect(
      requests.filter((r) => r.url.pathname === `/api/v1/tasks/${RIGHT}/summary`),
    ).toHaveLength(2);
  });

  it('asks for the missing task, offering the recent tasks of the same agent', async () => {
    const { requests } = api({
      [`/api/v1/tasks/${LEFT}`]: () => json(task(LEFT)),
      [`/api/v1/tasks/${LEFT}/summary`]: () => json(summary(LEFT, { total: 1 })),
      '/api/v1/tasks': () =>
        json({ data: [task(LEFT), task(OTHER)], has_more: false, next_cursor: null }),
    });
    const { location } = renderCompare(`?a=${LEFT}`);

    expect(await within(side('Left')).findByRole('link', { name: 'Invoice 1' })).toBeVisible();
    const chooser = screen.getByRole('region', { name: 'Choose a task to compare with' });
    // By id: the task being compared is refused with a reason.
    await userEvent.type(within(chooser).getByRole('textbox', { name: /id or link/ }), LEFT);
    await userEvent.click(within(chooser).getByRole('button', { name: 'Compare' }));
    expect(within(chooser).getByRole('alert')).toHaveTextContent('choose another');

    await userEvent.click(await within(chooser).findByRole('button', { name: /Invoice 3/ }));
    expect(location.history.at(-1)).toBe(`/compare?a=${LEFT}&b=${OTHER}`);
    expect(
      requests.find((r) => r.url.pathname === '/api/v1/tasks')?.url.searchParams.get('agent_id'),
    ).toBe(AGENT);
  });
});
