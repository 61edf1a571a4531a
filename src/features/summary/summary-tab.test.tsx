import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatClockTime } from '@/lib/format';
import type { TaskListItem } from '@/api/schemas';
import type { TaskTabProps } from '@/entities/task/tab-props';
import { rememberTaskInputs } from '@/lib/task-inputs';
import { json, stubFetch, type RecordedRequest } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { SummaryTab } from './summary-tab';

let counter = 0;
const newTaskId = () => `summary-task-${++counter}-${Date.now()}`;

function task(taskId: string, status: string): TaskListItem {
  return {
    task_id: taskId,
    status,
    title: 'March invoice',
    created_at: '2026-05-12T10:15:00Z',
    updated_at: '2026-05-12T10:16:00Z',
  };
}

const isSummary = (request: RecordedRequest) => request.url.pathname.endsWith('/summary');
const isResult = (request: RecordedRequest) => request.url.pathname.endsWith('/result');

function stub(taskId: string, summary: unknown, feed: unknown[] = []) {
  return stubFetch((request) => {
    if (isSummary(request)) return json({ task_id: taskId, ...(summary as object) });
    if (isResult(request)) return json({ task_id: taskId, feed });
    return json({ error: 'not here' }, { status: 404 });
  });
}

const HOSTILE = [
  '# Report',
  '',
  'Notes <img src=x onerror="alert(1)"> and <script>alert(2)</script> here.',
  '',
  'See [the report](javascript:alert(3)) or [the docs](https://example.org/docs).',
  '',
  '| Item | Qty |',
  '|---|---|',
  '| Widget | 3 |',
].join('\n');

describe('SummaryTab', () => {
  it('renders the answer as Markdown with GFM tables, and nothing in it can run', async () => {
    const id = newTaskId();
    stub(id, { status: 'completed', result: { summary: HOSTILE, completed_at: 'x' } });
    renderWithProviders(<SummaryTab taskId={id} task={task(id, 'completed')} />);

    const answer = await screen.findByRole('region', { name: 'Answer' });
    expect(within(answer).getByRole('heading', { name: 'Report', level: 3 })).toBeVisible();
    expect(within(answer).getByRole('table')).toHaveTextContent('Widget');
    expect(answer).toHaveTextContent('<img src=x onerror="alert(1)">');
    expect(answer).toHaveTextContent('<script>alert(2)</script>');
    expect(answer.querySelector('img, script')).toBeNull();
    expect(within(answer).queryByRole('link', { name: 'the report' })).toBeNull();
    expect(within(answer).getByText('the report')).toBeVisible();
    const docs = within(answer).getByRole('link', { name: /^the docs/ });
    expect(docs).toHaveAttribute('href', 'https://example.org/docs');
    expect(docs).toHaveAttribute('target', '_blank');
    expect(docs).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.queryByText('Not final')).toBeNull();
  });

  it('shows the latest intermediate answer of a running task as not final', async () => {
    const id = newTaskId();
    const { requests } = stub(id, { status: 'running', result: 'Reading page 3 of 7…' });
    renderWithProviders(<SummaryTab taskId={id} task={task(id, 'running')} />);

    const answer = await screen.findByRole('region', { name: 'Answer' });
    expect(answer).toHaveTextContent('Reading page 3 of 7…');
    expect(within(answer).getByText('Not final')).toBeVisible();
    expect(requests.filter(isResult)).toHaveLength(0);
  });

  it('puts the reply the page hands in first on a waiting task, with a link to its Conversation', async () => {
    const id = newTaskId();
    stub(id, { status: 'waiting_for_input', result: 'Which total?' });
    const onAction = vi.fn();
    function Reply({ taskId, task: given, onAction: act }: TaskTabProps) {
      return (
        <button type="button" onClick={act}>
          Reply to {taskId} ({given.status})
        </button>
      );
    }
    const user = userEvent.setup();
    renderWithProviders(
      <SummaryTab
        taskId={id}
        task={task(id, 'waiting_for_input')}
        onAction={onAction}
        reply={Reply}
      />,
    );

    const waiting = screen.getByRole('region', { name: 'The agent is waiting for your answer' });
    expect(
      within(waiting).getByRole('link', { name: 'Open the Conversation tab' }),
    ).toHaveAttribute('href', `/tasks/${id}?tab=conversation`);
    await user.click(
      within(waiting).getByRole('button', { name: `Reply to ${id} (waiting_for_input)` }),
    );
    expect(onAction).toHaveBeenCalledOnce();
    expect(await screen.findByRole('region', { name: 'Answer' })).toHaveTextContent('Which total?');
  });

  it('shows a failed task’s error from its trace, linking to that step', async () => {
    const id = newTaskId();
    stub(id, { status: 'failed' }, [
      { type: 'message', content: 'Starting' },
      { type: 'tool_call', name: 'fetch', output: { ok: true } },
      { type: 'error', content: 'Ledger API returned 502' },
    ]);
    renderWithProviders(<SummaryTab taskId={id} task={task(id, 'failed')} />);

    const alert = await screen.findByRole('alert');
    expect(await within(alert).findByText('Ledger API returned 502')).toBeVisible();
    expect(within(alert).getByRole('link', { name: 'See step 3 in the trace' })).toHaveAttribute(
      'href',
      `/tasks/${id}?tab=trace#step-3`,
    );
  });

  it('shows a list of objects as the Extracted data table, with CSV and JSON downloads', async () => {
    const id = newTaskId();
    stub(id, {
      status: 'completed',
      result: {
        summary: 'Two invoices',
        extracted_data: [{ number: 'A', total: 1 }, { number: 'B' }],
      },
    });
    renderWithProviders(<SummaryTab taskId={id} task={task(id, 'completed')} />);

    const table = await screen.findByRole('table', { name: 'Extracted data' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['number', 'total']);
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Download JSON' })).toBeVisible();
  });

  it('shows an object as a region with a table per list, checked against the schema it ran with', async () => {
    const id = newTaskId();
    rememberTaskInputs(id, {
      agentId: 'a',
      query: 'q',
      outputSchema:
        '{"invoice_number": "string", "total": "number", "line_items": [{"sku": "string"}]}',
      instructions: '',
      plainLanguage: false,
      fileNames: [],
      startedAt: Date.now(),
    });
    stub(id, {
      status: 'completed',
      result: {
        summary: 'Done',
        extracted_data: {
          total: '12.00',
          line_items: [{ sku: 'A-1' }],
          vendor: { name: 'ACME', city: 'Berlin' },
        },
      },
    });
    renderWithProviders(<SummaryTab taskId={id} task={task(id, 'completed')} />);

    const region = await screen.findByRole('region', { name: 'Extracted data' });
    expect(within(region).getByRole('table', { name: 'line_items' })).toHaveTextContent('A-1');
    expect(region).toHaveTextContent('ACME');
    expect(within(region).getByText('3 schema issues')).toBeVisible();
    const issues = within(region)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(issues).toEqual([
      'invoice_number: missing',
      'total: expected number, got string',
      'vendor: not in the schema',
    ]);
  });

  it('looks in the trace for extracted data /summary left out, when extraction was asked for', async () => {
    const asked = newTaskId();
    rememberTaskInputs(asked, {
      agentId: 'a',
      query: 'q',
      outputSchema: '{"total": "number"}',
      instructions: '',
      plainLanguage: false,
      fileNames: [],
      startedAt: Date.now(),
    });
    const feed = [
      {
        type: 'task_complete',
        name: 'task_complete',
        result: { structuredContent: { summary: 'Done', extracted_data: { total: 7 } } },
      },
    ];
    stub(asked, { status: 'completed', result: { summary: 'Done', completed_at: 'x' } }, feed);
    renderWithProviders(<SummaryTab taskId={asked} task={task(asked, 'completed')} />);
    const region = await screen.findByRole('region', { name: 'Extracted data' });
    expect(region).toHaveTextContent('7');
    expect(within(region).getByText('Matches the output schema')).toBeVisible();
  });

  it('reads no trace for a finished task that was not asked to extract anything', async () => {
    const plain = newTaskId();
    const { requests } = stub(plain, {
      status: 'completed',
      result: { summary: 'Done', completed_at: 'x' },
    });
    renderWithProviders(<SummaryTab taskId={plain} task={task(plain, 'completed')} />);
    expect(await screen.findByRole('region', { name: 'Answer' })).toHaveTextContent('Done');
    expect(requests.filter(isSummary)).toHaveLength(1);
    expect(requests.filter(isResult)).toHaveLength(0);
  });
});

describe('SummaryTab, issue 15', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('counts no optional null as a schema issue', async () => {
    const id = newTaskId();
    rememberTaskInputs(id, {
      agentId: 'a',
      query: 'q',
      outputSchema: '{"invoice_number": "string", "po_number": "string", "total": "number"}',
      instructions: '',
      plainLanguage: false,
      fileNames: [],
      startedAt: Date.now(),
    });
    stub(id, {
      status: 'completed',
      result: {
        summary: 'Done',
        extracted_data: { invoice_number: 'A-1', po_number: null, total: null },
      },
    });
    renderWithProviders(<SummaryTab taskId={id} task={task(id, 'completed')} />);
    const region = await screen.findByRole('region', { name: 'Extracted data' });
    expect(within(region).getByText('Matches the output schema')).toBeVisible();
    expect(within(region).queryByText(/schema issue/)).toBeNull();
  });

  it('copies the answer and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('isSecureContext', true);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const id = newTaskId();
    stub(id, {
      status: 'completed',
      result: { summary: 'The total is **42**.', completed_at: 'x' },
    });
    renderWithProviders(<SummaryTab taskId={id} task={task(id, 'completed')} />);
    const answer = await screen.findByRole('region', { name: 'Answer' });
    await userEvent.click(within(answer).getByRole('button', { name: 'Copy answer' }));
    expect(writeText).toHaveBeenCalledWith('The total is **42**.');
    expect(within(answer).getByRole('status')).toHaveTextContent('Copied the answer.');
  });

  it('marks a stopped task’s last answer Not final, with the time it stopped', async () => {
    const id = newTaskId();
    const stopped = { ...task(id, 'stopped'), updated_at: '2026-05-12T10:16:07Z' };
    stub(id, {
      status: 'stopped',
      result: 'I will read the 3 files and extract the invoice data.',
    });
    renderWithProviders(<SummaryTab taskId={id} task={stopped} />);
    const answer = await screen.findByRole('region', { name: 'Answer' });
    expect(answer).toHaveTextContent('I will read the 3 files');
    expect(within(answer).getByText('Not final')).toBeVisible();
    expect(answer).toHaveTextContent(`Stopped at ${formatClockTime('2026-05-12T10:16:07Z')}`);
  });

  it('adds a File column from the files sent, when each row is one document', async () => {
    const id = newTaskId();
    rememberTaskInputs(id, {
      agentId: 'a',
      query: '',
      outputSchema: '',
      instructions: '',
      plainLanguage: false,
      fileNames: ['march.txt', 'april.txt'],
      startedAt: Date.now(),
    });
    const { requests } = stub(id, {
      status: 'completed',
      result: { summary: 'Two', extracted_data: [{ total: 1 }, { total: 2 }] },
    });
    renderWithProviders(<SummaryTab taskId={id} task={task(id, 'completed')} />);
    const table = await screen.findByRole('table', { name: 'Extracted data' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual(['Filetotal', 'march.txt1', 'april.txt2']);
    expect(requests.filter(isResult)).toHaveLength(0);
  });

  it('takes the file names from the trace when this browser did not send the files', async () => {
    const id = newTaskId();
    const call = (name: string, filename: string) => ({
      type: 'tool_call',
      name,
      arguments: { filename },
    });
    stub(
      id,
      {
        status: 'completed',
        result: { summary: 'Two', extracted_data: [{ total: 1 }, { total: 2 }] },
      },
      [
        call('read_file', 'a.txt'),
        call('read_file', 'scan.pdf'),
        call('read_file', 'b.txt'),
        call('extract_fields', 'a.txt'),
        call('extract_fields', 'b.txt'),
      ],
    );
    renderWithProviders(<SummaryTab taskId={id} task={task(id, 'completed')} />);
    const table = await screen.findByRole('table', { name: 'Extracted data' });
    expect(await within(table).findByRole('columnheader', { name: 'File' })).toBeVisible();
    const cells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[0]?.textContent);
    expect(cells).toEqual(['a.txt', 'b.txt']);
  });

  it('leads with the file a row names itself, under File', async () => {
    const id = newTaskId();
    stub(id, {
      status: 'completed',
      result: {
        summary: 'Two',
        extracted_data: [
          { total: 1, source_file: 'x.txt' },
          { total: 2, source_file: 'y.txt' },
        ],
      },
    });
    renderWithProviders(<SummaryTab taskId={id} task={task(id, 'completed')} />);
    const table = await screen.findByRole('table', { name: 'Extracted data' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['File', 'total']);
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('x.txt1');
  });
});
