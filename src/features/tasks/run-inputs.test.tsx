import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CachedTask } from '@/entities/task/cache';
import { taskKeys } from '@/entities/task/keys';
import { rememberTaskInputs, TASK_INPUTS_KEY, reloadTaskInputs } from '@/lib/task-inputs';
import { json, stubFetch } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { RunInputs } from './run-inputs';

const AGENT = '11111111-1111-4111-8111-111111111111';
let counter = 0;
const newTaskId = () => `run-inputs-${(counter += 1)}-${Date.now()}`;

function task(taskId: string, fields: Partial<CachedTask> = {}): CachedTask {
  return {
    task_id: taskId,
    agent_id: AGENT,
    status: 'completed',
    created_at: '2026-05-11T10:15:00Z',
    updated_at: '2026-05-11T10:15:42Z',
    ...fields,
  };
}

function region() {
  return screen.getByRole('region', { name: 'Run inputs' });
}

/** The value beside a term of the region's description list. */
function field(term: string): HTMLElement {
  return within(region()).getByText(term, { selector: 'dt' }).nextElementSibling as HTMLElement;
}

afterEach(() => vi.useRealTimers());

describe('RunInputs', () => {
  it('shows what this browser sent — files with their sizes, the schema as code — and reads nothing', () => {
    const id = newTaskId();
    rememberTaskInputs(id, {
      agentId: AGENT,
      query: 'Extract the totals',
      outputSchema: '{"total":"number","currency":"string"}',
      instructions: 'Amounts in cents',
      plainLanguage: false,
      fileNames: ['march.pdf', 'april.txt'],
      files: [
        { name: 'march.pdf', size: 2_048, type: 'application/pdf' },
        { name: 'april.txt', size: 300, type: 'text/plain' },
      ],
      startedAt: Date.now(),
    });
    const { requests } = stubFetch(() => json({}));
    renderWithProviders(<RunInputs taskId={id} task={task(id)} canRead />);

    expect(within(region()).getByText('As sent from this browser')).toBeVisible();
    expect(field('Query')).toHaveTextContent('Extract the totals');
    const files = within(region()).getByRole('list', { name: 'Files sent' });
    expect(
      within(files)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['march.pdf (2 KB, application/pdf)', 'april.txt (300 B, text/plain)']);
    const code = field('Output schema').querySelector('pre code');
    expect(code?.textContent).toBe('{\n  "total": "number",\n  "currency": "string"\n}');
    expect(field('Instructions')).toHaveTextContent('Amounts in cents');
    expect(requests).toEqual([]);
  });

  it('shows the names of an entry stored before sizes were kept, and None where nothing was sent', () => {
    const id = newTaskId();
    localStorage.setItem(
      TASK_INPUTS_KEY,
      JSON.stringify({
        version: 1,
        tasks: {
          [id]: {
            agentId: AGENT,
            query: '',
            outputSchema: '',
            instructions: '',
            plainLanguage: false,
            fileNames: ['scan.png'],
            startedAt: Date.now(),
          },
        },
      }),
    );
    reloadTaskInputs();
    stubFetch(() => json({}));
    renderWithProviders(<RunInputs taskId={id} task={task(id)} canRead />);

    expect(field('Files')).toHaveTextContent(/^scan\.png$/);
    expect(field('Query')).toHaveTextContent('None');
    expect(field('Output schema')).toHaveTextContent('None');
  });

  it('reads the first message once when this browser has no record, and says the API told it', async () => {
    const id = newTaskId();
    const { requests } = stubFetch(() =>
      json({
        data: [
          { id: 'm1', role: 'user', content: 'Summarize the memo', user_id: 'u1' },
          { id: 'm2', role: 'assistant', content: 'Which memo?', user_id: null },
        ],
      }),
    );
    const { queryClient } = renderWithProviders(<RunInputs taskId={id} task={task(id)} canRead />);

    expect(
      await within(region()).findByText('From the API: the task’s first message'),
    ).toBeVisible();
    expect(field('Query')).toHaveTextContent('Summarize the memo');
    expect(field('Files')).toHaveTextContent('Not in what the API returned');
    expect(field('Output schema')).toHaveTextContent('Not in what the API returned');
    expect(requests.map((request) => request.url.pathname)).toEqual([
      `/api/v1/tasks/${id}/messages`,
    ]);

    // A change of the task marks the messages stale: nothing here reads them again, however
    // long the page stays open (the shared messages query would re-read them at once).
    vi.useFakeTimers();
    await queryClient.invalidateQueries({ queryKey: taskKeys.messages(id), refetchType: 'none' });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(requests).toHaveLength(1);
  });

  it('waits for the page’s own read before reading the messages', async () => {
    const id = newTaskId();
    const { requests } = stubFetch(() => json({ data: [] }));
    const { rerender } = renderWithProviders(
      <RunInputs taskId={id} task={task(id)} canRead={false} />,
    );
    expect(within(region()).getByText('Reading the task’s messages…')).toBeVisible();
    expect(requests).toEqual([]);
    rerender(<RunInputs taskId={id} task={task(id)} canRead />);
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(
      await within(region()).findByText('From the API: none of its answers says what it was given'),
    ).toBeVisible();
  });

  it('takes files and sizes from the trace a tab already read, and output_config from the task', async () => {
    const id = newTaskId();
    stubFetch(() => json({ data: [{ role: 'user', content: 'Attached 2 files: a.txt, b.pdf' }] }));
    renderWithProviders(
      <RunInputs
        taskId={id}
        task={task(id, {
          output_config: JSON.stringify({ output_schema: '{"a":1}', instructions: 'Be brief' }),
        })}
        canRead
      />,
      {
        seed: (client) =>
          client.setQueryData(taskKeys.result(id), {
            task: {},
            feed: [
              {
                type: 'tool_call',
                output: { filename: 'a.txt', size_bytes: 12, content_type: 'text/plain' },
              },
            ],
            raw: null,
            bytes: 0,
            downloadMs: 0,
          }),
      },
    );

    expect(
      await within(region()).findByText(
        'From the API: the task’s fields, the task’s first message and the files the trace read',
      ),
    ).toBeVisible();
    expect(field('Query')).toHaveTextContent('None');
    const items = within(field('Files')).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(['a.txt (12 B, text/plain)', 'b.pdf']);
    expect(field('Instructions')).toHaveTextContent('Be brief');
  });

  it('shows hostile text as data and folds long text behind Show all', async () => {
    const id = newTaskId();
    const query = `<img src=x onerror=alert(1)> \u202Egnp.exe ${'long '.repeat(120)}`;
    rememberTaskInputs(id, {
      agentId: AGENT,
      query,
      outputSchema: 'not json, a description',
      instructions: '',
      plainLanguage: false,
      fileNames: [],
      files: [],
      startedAt: Date.now(),
    });
    stubFetch(() => json({}));
    const user = userEvent.setup();
    renderWithProviders(<RunInputs taskId={id} task={task(id)} canRead />);

    expect(field('Query')).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(region().querySelector('img')).toBeNull();
    expect(within(field('Query')).getByTitle(/Hidden in this text/)).toBeVisible();
    const showAll = within(field('Query')).getByRole('button', { name: 'Show all' });
    expect(showAll).toHaveAttribute('aria-expanded', 'false');
    await user.click(showAll);
    expect(within(field('Query')).getByRole('button', { name: 'Show less' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    expect(field('Output schema').querySelector('code')?.textContent).toBe(
      'not json, a description',
    );
    expect(field('Files')).toHaveTextContent('None');

    await user.click(within(region()).getByRole('button', { name: 'Hide' }));
    expect(within(region()).queryByText('Query')).not.toBeVisible();
  });
});
