import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskListItem } from '@/api/schemas';
import { json, stubFetch } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { TraceTab } from './trace-tab';

const T0 = Date.parse('2026-05-11T10:15:00Z');
let counter = 0;

function task(taskId: string): TaskListItem {
  return {
    task_id: taskId,
    status: 'completed',
    title: 'Links',
    created_at: new Date(T0).toISOString(),
    updated_at: new Date(T0 + 9_000).toISOString(),
  };
}

const steps = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    type: 'tool_call',
    name: `tool_${i + 1}`,
    arguments: { n: i + 1 },
    output: { ok: true },
  }));

function open(feed: unknown[]) {
  const id = `links-task-${++counter}`;
  stubFetch((request) =>
    request.url.pathname.endsWith('/result')
      ? json({ ...task(id), feed })
      : json({ error: 'not here' }, { status: 404 }),
  );
  renderWithProviders(<TraceTab taskId={id} task={task(id)} />);
  return screen.findByRole('list', { name: 'Trace steps' });
}

/** The step numbered `n`, as the trace shows it. */
const stepItem = (list: HTMLElement, n: number) =>
  within(list)
    .getAllByRole('listitem')
    .find((item) => item.textContent?.startsWith(`#${n}T`));

// jsdom has no layout: record what was scrolled into view instead.
let scrolled: Element[] = [];
beforeEach(() => {
  scrolled = [];
  window.scrollTo = () => {};
  Object.assign(Element.prototype, {
    scrollIntoView(this: Element) {
      scrolled.push(this);
    },
  });
});
afterEach(() => {
  window.location.hash = '';
  delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
});

describe('step links', () => {
  it('open with the step scrolled into view, expanded and focused', async () => {
    window.location.hash = '#step-7';
    const list = await open(steps(10));
    const step = await waitFor(() => {
      const found = stepItem(list, 7);
      expect(found).toHaveFocus();
      return found as HTMLElement;
    });
    expect(step).toHaveAttribute('aria-current', 'true');
    expect(within(step).getByRole('button', { name: 'Collapse' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(within(step).getByRole('region', { name: 'Arguments of step 7' })).toBeVisible();
    expect(scrolled).toContain(step);
  });

  it('followed in the page (hashchange) do the same', async () => {
    const list = await open(steps(40));
    act(() => {
      window.location.hash = '#step-30';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    const step = await waitFor(() => {
      const found = stepItem(list, 30);
      expect(found).toHaveFocus();
      return found as HTMLElement;
    });
    expect(within(step).getByRole('button', { name: 'Collapse' })).toBeVisible();
    expect(scrolled).toContain(step);
  });
});

describe('Home and End', () => {
  it('move focus to the first and last step and scroll each into view', async () => {
    const list = await open(steps(30));
    // jsdom measures every row as 0 px high: which rows render first is not the point here.
    const start = within(list).getAllByRole('listitem')[0] as HTMLElement;
    act(() => start.focus());
    fireEvent.keyDown(start, { key: 'End' });
    const last = await waitFor(() => {
      const found = stepItem(list, 30);
      expect(found).toHaveFocus();
      return found as HTMLElement;
    });
    expect(scrolled.at(-1)).toBe(last);
    fireEvent.keyDown(last, { key: 'Home' });
    await waitFor(() => expect(stepItem(list, 1)).toHaveFocus());
    expect(scrolled.at(-1)).toBe(stepItem(list, 1));
  });
});

describe('failed tool calls', () => {
  it('are marked as failed and counted beside the timeline; the count jumps to the first', async () => {
    const at = (ms: number) => new Date(T0 + ms).toISOString();
    const list = await open([
      { type: 'tool_call', name: 'fetch_page', output: { rows: 50 }, created_at: at(1_000) },
      {
        type: 'tool_call',
        name: 'fetch_page',
        output: { status: 502, message: 'Bad Gateway' },
        created_at: at(2_000),
      },
      { type: 'tool_call', name: 'fetch_page', error: 'timed out', created_at: at(3_000) },
      { type: 'message', content: 'Giving up', created_at: at(4_000) },
    ]);
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).not.toHaveTextContent('failed');
    expect(items[1]).toHaveTextContent(/Tool call\s*failed\s*fetch_page/);
    expect(items[2]).toHaveTextContent(/Tool call\s*failed\s*fetch_page/);
    const count = screen.getByRole('button', { name: '2 failed tool calls' });
    expect(screen.getByText(/Failed tool calls 2 s/)).toBeVisible();
    fireEvent.click(count);
    await waitFor(() => expect(items[1]).toHaveAttribute('aria-current', 'true'));
  });
});

describe('step kinds', () => {
  it('are named one way, in the list and in the Step types filter', async () => {
    const list = await open([
      { type: 'message', content: 'Hi' },
      { type: 'tool_call', name: 'search', arguments: {} },
      { type: 'ask_user', name: 'ask_user', content: 'Which?' },
      { type: 'task_complete', name: 'task_complete', content: 'Done' },
      { type: 'error', content: 'Broke' },
      { widget: 1 },
    ]);
    const kinds = ['Message', 'Tool call', 'Ask user', 'Task complete', 'Error', 'Unknown'];
    within(list)
      .getAllByRole('listitem')
      .forEach((item, i) => expect(item).toHaveTextContent(new RegExp(`^#${i + 1}${kinds[i]}`)));
    const types = screen.getByRole('group', { name: 'Step types' });
    expect(
      within(types)
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent?.replace(/\s*\(\d+\)$/, '')),
    ).toEqual(kinds);
  });
});
