import { act, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RESPONSE_TIMEOUT_MS } from '@/api/runs';
import type { StartRunResult } from './use-start-run';
import { json, stubFetch } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { reloadTaskInputs, taskInputsOf } from '@/lib/task-inputs';
import { RunForm, type RunFormProps } from './run-form';

const AGENT = '11111111-1111-4111-8111-111111111111';
const TASK = '99999999-9999-4999-8999-999999999999';
const RUN_PATH = `/api/v1/agents/${AGENT}/run`;

const created = {
  task_id: TASK,
  agent_id: AGENT,
  status: 'pending',
  message: 'Task created successfully.',
  created_at: '2026-05-11T10:15:00Z',
};

/** A controllable XMLHttpRequest: the test decides when bytes move and how the server answers. */
class FakeXhr {
  static last: FakeXhr | null = null;
  upload = {
    onprogress: null as
      ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null,
    onload: null as (() => void) | null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  sent: FormData | null = null;
  url = '';
  private headers = '';
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {}
  getAllResponseHeaders() {
    return this.headers;
  }
  send(body: FormData) {
    this.sent = body;
    FakeXhr.last = this;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
    if (loaded === total) this.upload.onload?.();
  }
  respond(status: number, body: unknown, headers = 'content-type: application/json') {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.headers = headers;
    this.onload?.();
  }
}

function renderForm(
  onStarted = vi.fn<(result: StartRunResult, agentId: string) => void>(),
  fileLimits?: { maxFileBytes: number; maxFiles: number },
  props: Partial<RunFormProps> = {},
) {
  const view = renderWithProviders(
    <RunForm
      agentId={AGENT}
      agentField={() => <p>agent chosen</p>}
      apiBaseUrl="https://agents.nanonets.com"
      fileLimits={fileLimits}
      onStarted={onStarted}
      {...props}
    />,
  );
  return { ...view, onStarted };
}

const offline = () => Promise.reject(new TypeError('Failed to fetch'));
const taskPage = (data: unknown[]) => json({ data, has_more: false, next_cursor: null });

// Testing Library unmounts after this file's afterEach, and the draft is flushed on unmount:
// clear storage before each test too, so no test starts with the last one's draft.
beforeEach(() => localStorage.clear());

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  FakeXhr.last = null;
});

describe('RunForm', () => {
  it('sends a JSON run, hands the created task on, and clears the draft', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(() => json(created, { status: 201 }));
    const { onStarted } = renderForm();

    await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Summarize the memo');
    await user.click(screen.getByRole('button', { name: 'Run' }));

    await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
    expect(onStarted.mock.calls[0]?.[0].run.task_id).toBe(TASK);
    expect(onStarted.mock.calls[0]?.[1]).toBe(AGENT);
    const runs = requests.filter((request) => request.method === 'POST');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.url.pathname).toBe(RUN_PATH);
    expect(JSON.parse(runs[0]?.body as string)).toEqual({ query: 'Summarize the memo' });
    expect(localStorage.getItem('agent-console:run-draft')).toBeNull();
  });

  it('asks for a query or a file before sending anything', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(() => json(created, { status: 201 }));
    renderForm();
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByText(/query or add at least one file/i)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Query' })).toHaveFocus();
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it('starts one task for a burst of submits', async () => {
    const user = userEvent.setup();
    let answer: (response: Response) => void = () => {};
    const { requests } = stubFetch((request) =>
      request.method === 'POST'
        ? new Promise<Response>((resolve) => (answer = resolve))
        : json({ data: [], has_more: false, next_cursor: null }),
    );
    const { onStarted } = renderForm();
    await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Once');
    const form = screen.getByRole<HTMLFormElement>('form', { name: 'New run' });
    act(() => {
      form.requestSubmit();
      form.requestSubmit();
      form.requestSubmit();
    });
    await waitFor(() => expect(answer).not.toBeNull());
    act(() => answer?.(json(created, { status: 201 })));
    await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('keeps everything on an error and shows the server message with advice', async () => {
    const user = userEvent.setup();
    stubFetch(() => json({ error: 'Agent is inactive.' }, { status: 403 }));
    const { onStarted } = renderForm();
    await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Keep me');
    await user.type(screen.getByRole('textbox', { name: 'Instructions' }), 'And me');
    await user.click(screen.getByRole('button', { name: 'Run' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Agent is inactive.');
    expect(alert).toHaveTextContent(/inactive|another workspace/i);
    expect(screen.getByRole('textbox', { name: 'Query' })).toHaveValue('Keep me');
    expect(screen.getByRole('textbox', { name: 'Instructions' })).toHaveValue('And me');
    expect(onStarted).not.toHaveBeenCalled();
  });

  it('after a lost answer, adopts the task the first attempt created instead of starting another', async () => {
    const user = userEvent.setup();
    let posts = 0;
    const { requests } = stubFetch((request) => {
      if (request.method === 'POST') {
        posts += 1;
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return json({
        data: [
          {
            ...created,
            title: 'Reconcile March',
            status: 'running',
            created_at: new Date().toISOString(),
          },
        ],
        has_more: false,
        next_cursor: null,
      });
    });
    const { onStarted } = renderForm();
    await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Reconcile March');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/not start twice|already created/i);

    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
    expect(onStarted.mock.calls[0]?.[0]).toMatchObject({ recovered: true, run: { task_id: TASK } });
    expect(posts).toBe(1);
    const lookup = requests.find((request) => request.url.pathname === '/api/v1/tasks');
    expect(lookup?.url.searchParams.get('agent_id')).toBe(AGENT);
  });

  it('uploads files with progress, and a cancelled upload keeps the files', async () => {
    const user = userEvent.setup();
    stubFetch(() => json({ data: [], has_more: false, next_cursor: null }));
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const { onStarted } = renderForm();
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    await user.upload(input, new File(['a,b\n1,2\n'], 'numbers.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Run' }));

    await waitFor(() => expect(FakeXhr.last).not.toBeNull());
    act(() => FakeXhr.last!.progress(400, 1000));
    const bar = await screen.findByRole('progressbar', { name: 'Upload progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    expect(FakeXhr.last!.url).toBe(RUN_PATH);
    expect(FakeXhr.last!.sent?.getAll('files').map((file) => (file as File).name)).toEqual([
      'numbers.csv',
    ]);

    await user.click(screen.getByRole('button', { name: 'Cancel upload' }));
    expect(await screen.findByText('Upload cancelled')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Files' })).toHaveTextContent('numbers.csv');

    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(FakeXhr.last?.sent).toBeTruthy());
    act(() => {
      FakeXhr.last!.progress(1000, 1000);
      FakeXhr.last!.respond(201, created);
    });
    await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
  });

  it('enforces the upload limits the dashboard server announces', async () => {
    const user = userEvent.setup();
    stubFetch(() => json({ data: [], has_more: false, next_cursor: null }));
    renderForm(undefined, { maxFileBytes: 1024 * 1024, maxFiles: 1 });
    expect(screen.getByText(/Up to 1 file, 1(\.0)? MB each/)).toBeInTheDocument();
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    await user.upload(input, [
      new File(['a'], 'one.txt', { type: 'text/plain' }),
      new File(['b'], 'two.txt', { type: 'text/plain' }),
    ]);
    expect(screen.getByRole('list', { name: 'Rejected files' })).toHaveTextContent(
      /two\.txt.*too many files/,
    );
  });

  it('gives up on an answer that never comes, then finds the task instead of starting another', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
      let posts = 0;
      vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
        const url = new URL(input, 'http://console.test');
        if (init?.method === 'POST') {
          posts += 1;
          // The request reached the server, but its answer never comes back.
          return new Promise<Response>((_, reject) =>
            init.signal?.addEventListener('abort', () =>
              reject(new DOMException('aborted', 'AbortError')),
            ),
          );
        }
        expect(url.pathname).toBe('/api/v1/tasks');
        return Promise.resolve(
          json({
            data: [{ ...created, title: 'Hang on', created_at: new Date().toISOString() }],
            has_more: false,
            next_cursor: null,
          }),
        );
      });
      const { onStarted } = renderForm();
      await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Hang on');
      await user.click(screen.getByRole('button', { name: 'Run' }));
      await act(() => vi.advanceTimersByTimeAsync(RESPONSE_TIMEOUT_MS));
      expect(await screen.findByRole('alert')).toHaveTextContent(
        /No answer from the API within 30 s/,
      );

      await user.click(screen.getByRole('button', { name: 'Run' }));
      await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
      expect(onStarted.mock.calls[0]?.[0]).toMatchObject({ recovered: true });
      expect(posts).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('when the lookup for an earlier attempt fails, Run stays usable: check again or start anyway', async () => {
    const user = userEvent.setup();
    let posts = 0;
    let lookupFails = true;
    const { requests } = stubFetch((request) => {
      if (request.method === 'POST') {
        posts += 1;
        return posts === 1 ? offline() : json(created, { status: 201 });
      }
      return lookupFails
        ? json({ error: 'The task list is unavailable.' }, { status: 500 })
        : taskPage([]);
    });
    const { onStarted } = renderForm();
    await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Reconcile March');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/No answer from the server/);

    // The next Run looks first; the lookup fails; nothing is sent, and the person chooses.
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const alert = await screen.findByRole('alert');
    await waitFor(() =>
      expect(alert).toHaveTextContent(/Couldn’t check whether your earlier Run started a task/),
    );
    expect(alert).toHaveTextContent('The task list is unavailable.');
    expect(posts).toBe(1);
    expect(screen.getByRole('link', { name: /Open task list/ })).toHaveAttribute(
      'href',
      `/tasks?agent=${AGENT}`,
    );
    expect(screen.getByRole('button', { name: 'Run' })).not.toHaveAttribute('aria-disabled');
    expect(screen.getByRole('textbox', { name: 'Query' })).toHaveValue('Reconcile March');

    // Check again: the lookup runs again (and fails again).
    const lookups = () => requests.filter((request) => request.url.pathname === '/api/v1/tasks');
    await user.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(lookups()).toHaveLength(2));
    expect(posts).toBe(1);

    // Start anyway: a new task, no lookup.
    await user.click(await screen.findByRole('button', { name: 'Start anyway' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
    expect(onStarted.mock.calls[0]?.[0]).toMatchObject({ recovered: false });
    expect(posts).toBe(2);
    expect(lookups()).toHaveLength(2);

    // Settled: the next run of the same request needs no lookup.
    lookupFails = false;
    await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Reconcile March');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(2));
    expect(lookups()).toHaveLength(2);
  });

  it('finds the earlier task in a page holding an unknown status and null fields', async () => {
    const user = userEvent.setup();
    let posts = 0;
    stubFetch((request) => {
      if (request.method === 'POST') {
        posts += 1;
        return offline();
      }
      return taskPage([
        { task_id: 'odd', status: 'hibernating', title: null, agent_name: null },
        'not even an object',
        {
          ...created,
          title: 'Reconcile March',
          status: 'exploded',
          updated_at: null,
          created_at: new Date().toISOString(),
        },
      ]);
    });
    const { onStarted } = renderForm();
    await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Reconcile March');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByRole('alert');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
    expect(onStarted.mock.calls[0]?.[0]).toMatchObject({ recovered: true, run: { task_id: TASK } });
    expect(posts).toBe(1);
  });

  it('remembers an attempt whose answer was lost across a reload, and looks first', async () => {
    const user = userEvent.setup();
    let posts = 0;
    const { requests } = stubFetch((request) => {
      if (request.method === 'POST') {
        posts += 1;
        return offline();
      }
      return taskPage([
        { ...created, title: 'Reconcile March', created_at: new Date().toISOString() },
      ]);
    });
    const first = renderForm();
    await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Reconcile March');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByRole('alert');
    first.unmount();

    // A new page: a fresh QueryClient and form, with only what this browser stored.
    const { onStarted } = renderForm();
    expect(screen.getByRole('textbox', { name: 'Query' })).toHaveValue('Reconcile March');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
    expect(onStarted.mock.calls[0]?.[0]).toMatchObject({ recovered: true });
    expect(posts).toBe(1);
    expect(requests.filter((request) => request.url.pathname === '/api/v1/tasks')).toHaveLength(1);
  });

  it('keeps a blocked Run focusable, says why, and sends nothing', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch(() => json(created, { status: 201 }));
    renderForm(undefined, undefined, { agentProblem: 'Legacy is inactive, so runs are refused.' });
    await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Classify this');
    const run = screen.getByRole('button', { name: 'Run' });
    expect(run).not.toBeDisabled();
    expect(run).toHaveAttribute('aria-disabled', 'true');
    expect(run).toHaveAccessibleDescription('Legacy is inactive, so runs are refused.');
    run.focus();
    expect(run).toHaveFocus();
    await user.keyboard('{Enter}');
    await user.click(run);
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it('says "Choose an agent" on the Agent field itself', async () => {
    const user = userEvent.setup();
    stubFetch(() => json(created, { status: 201 }));
    renderForm(undefined, undefined, {
      agentId: null,
      agentField: ({ invalid, describedBy }) => (
        <input
          role="combobox"
          aria-label="Agent"
          aria-expanded={false}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
        />
      ),
    });
    await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const agent = screen.getByRole('combobox', { name: 'Agent' });
    expect(agent).toHaveFocus();
    expect(agent).toHaveAttribute('aria-invalid', 'true');
    expect(agent).toHaveAccessibleDescription('Choose an agent to run.');
  });

  it('Run again: fills the form once from what the earlier task was run with', async () => {
    const user = userEvent.setup();
    stubFetch(() => json(created, { status: 201 }));
    const onPrefilled = vi.fn();
    const inputs = {
      agentId: AGENT,
      query: 'Extract the totals',
      outputSchema: '{"total": "number"}',
      instructions: 'Dates as YYYY-MM-DD',
      plainLanguage: false,
      fileNames: ['march.pdf'],
      startedAt: Date.now(),
    };
    renderForm(undefined, undefined, {
      prefill: { key: TASK, inputs },
      onPrefilled,
    });
    expect(screen.getByRole('textbox', { name: 'Query' })).toHaveValue('Extract the totals');
    expect(screen.getByRole('textbox', { name: 'Output schema' })).toHaveValue(
      '{"total": "number"}',
    );
    expect(screen.getByRole('textbox', { name: 'Instructions' })).toHaveValue(
      'Dates as YYYY-MM-DD',
    );
    expect(screen.getByText(/march\.pdf/)).toBeInTheDocument();
    expect(onPrefilled).toHaveBeenCalledTimes(1);

    // What is typed afterwards (each key a render with the same task) is not overwritten.
    await user.type(screen.getByRole('textbox', { name: 'Query' }), ' please');
    expect(screen.getByRole('textbox', { name: 'Query' })).toHaveValue('Extract the totals please');
    expect(onPrefilled).toHaveBeenCalledTimes(1);
  });

  it('remembers what a started task was run with, for Run again', async () => {
    const user = userEvent.setup();
    stubFetch(() => json(created, { status: 201 }));
    const { onStarted } = renderForm();
    await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Summarize the memo');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
    reloadTaskInputs();
    expect(taskInputsOf(TASK)).toMatchObject({ agentId: AGENT, query: 'Summarize the memo' });
  });
});

describe('a run that settles after the form was left', () => {
  it('clears the draft all the same, says where the task went, and Run starts no second task', async () => {
    const user = userEvent.setup();
    let answer: (response: Response) => void = () => {};
    const { requests } = stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const onStarted = vi.fn();
    /** New run and Tasks, as the navigation switches between them. */
    function Pages() {
      const [onForm, setOnForm] = useState(true);
      return (
        <>
          <button type="button" onClick={() => setOnForm(!onForm)}>
            {onForm ? 'Go to Tasks' : 'Go to New run'}
          </button>
          {onForm ? (
            <RunForm
              agentId={AGENT}
              agentField={() => <p>agent chosen</p>}
              apiBaseUrl="https://agents.nanonets.com"
              onStarted={onStarted}
            />
          ) : (
            <p>Tasks</p>
          )}
        </>
      );
    }
    renderWithProviders(<Pages />);
    await user.type(screen.getByRole('textbox', { name: 'Query' }), 'Summarize the memo');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(requests).toHaveLength(1));

    // The person goes to Tasks while the run is on its way, and it is created meanwhile.
    await user.click(screen.getByRole('button', { name: 'Go to Tasks' }));
    await act(() => {
      answer(json(created, { status: 201 }));
      return Promise.resolve();
    });
    await waitFor(() => expect(taskInputsOf(TASK)?.query).toBe('Summarize the memo'));
    expect(onStarted).not.toHaveBeenCalled();

    // Back on New run: the draft the run took is gone, and the form says where it went.
    await user.click(screen.getByRole('button', { name: 'Go to New run' }));
    expect(screen.getByRole('textbox', { name: 'Query' })).toHaveValue('');
    expect(screen.getByRole('link', { name: 'Open the task' })).toHaveAttribute(
      'href',
      `/tasks/${TASK}`,
    );
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(requests).toHaveLength(1);
  });
});

describe('Clear form', () => {
  it('empties the text, the files and the stored draft, and Undo brings them back', async () => {
    const user = userEvent.setup();
    stubFetch(() => taskPage([]));
    renderForm();
    const query = screen.getByRole('textbox', { name: 'Query' });
    await user.type(query, 'Summarize the memo');
    await user.type(screen.getByRole('textbox', { name: 'Instructions' }), 'Be brief');
    await user.upload(
      document.querySelector<HTMLInputElement>('input[type=file]:not([webkitdirectory])')!,
      new File(['memo'], 'memo.txt', { type: 'text/plain' }),
    );
    expect(screen.getByRole('list', { name: 'Files' })).toHaveTextContent('memo.txt');

    await user.click(screen.getByRole('button', { name: 'Clear form' }));
    expect(query).toHaveValue('');
    expect(screen.getByRole('textbox', { name: 'Instructions' })).toHaveValue('');
    expect(screen.queryByRole('list', { name: 'Files' })).not.toBeInTheDocument();
    await waitFor(() => expect(localStorage.getItem('agent-console:run-draft')).toBeNull());
    expect(screen.getByText(/^Form cleared\./)).toHaveAttribute('role', 'status');

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(query).toHaveValue('Summarize the memo');
    expect(screen.getByRole('textbox', { name: 'Instructions' })).toHaveValue('Be brief');
    expect(screen.getByRole('list', { name: 'Files' })).toHaveTextContent('memo.txt');
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });
});
