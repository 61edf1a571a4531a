import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, stubFetch, type RecordedRequest } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { SummaryTab } from './summary-tab';

let counter = 0;
function newTaskId(): string {
  counter += 1;
  return `summary-task-${counter}-${Date.now()}`;
}

function task(taskId: string, status: string) {
  return {
    task_id: taskId,
    agent_id: 'agent-1',
    status,
    created_at: '2026-05-12T10:15:00Z',
    updated_at: '2026-05-12T10:16:00Z',
  };
}

const isSummary = (request: RecordedRequest) => request.url.pathname.endsWith('/summary');

/** The task's detail says `status`; its summary answers with `summary` (or fails). */
function stubTask(taskId: string, status: string, summary: Response | (() => Response)) {
  return stubFetch((request) => {
    if (!isSummary(request)) return json(task(taskId, status));
    return typeof summary === 'function' ? summary() : summary;
  });
}

describe('SummaryTab', () => {
  it('waits for a live task to end, without reading its summary', async () => {
    const id = newTaskId();
    const { requests } = stubTask(id, 'running', json({}));
    renderWithProviders(<SummaryTab taskId={id} />);

    expect(await screen.findByText(/The answer appears here when the task ends/)).toBeVisible();
    expect(requests.filter(isSummary)).toHaveLength(0);
  });

  it('shows the answer of a finished task in the Answer region, as written', async () => {
    const id = newTaskId();
    stubTask(
      id,
      'completed',
      json({
        ...task(id, 'completed'),
        result: { content: [{ type: 'text', text: 'Line one\n  indented line two' }] },
      }),
    );
    renderWithProviders(<SummaryTab taskId={id} />);

    const answer = await screen.findByRole('region', { name: 'Answer' });
    expect(answer.querySelector('.whitespace-pre-wrap')?.textContent).toBe(
      'Line one\n  indented line two',
    );
  });

  it('points a failed task to the Trace tab', async () => {
    const id = newTaskId();
    stubTask(id, 'failed', json(task(id, 'failed')));
    renderWithProviders(<SummaryTab taskId={id} />);

    expect(await screen.findByText(/The Trace tab shows each step/)).toBeVisible();
    expect(await screen.findByText('The task ended without an answer.')).toBeVisible();
  });

  it('says so when a stopped task gave no answer', async () => {
    const id = newTaskId();
    stubTask(id, 'stopped', json(task(id, 'stopped')));
    renderWithProviders(<SummaryTab taskId={id} />);

    expect(await screen.findByText('The task was stopped before it gave an answer.')).toBeVisible();
  });

  it('offers Retry when the summary cannot be read', async () => {
    const id = newTaskId();
    stubTask(id, 'completed', () => json({ error: 'Internal error' }, { status: 500 }));
    renderWithProviders(<SummaryTab taskId={id} />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The answer could not be loaded');
    expect(alert).toHaveTextContent('Internal error');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeVisible();
  });
});
