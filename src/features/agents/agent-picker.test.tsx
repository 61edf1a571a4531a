import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextCursor, type PagingState } from '@/api/paging';
import type { AgentSummary } from '@/api/schemas';
import { rememberTaskInputs, TASK_INPUTS_KEY } from '@/lib/task-inputs';
import { json, stubFetch, type RecordedRequest } from '@/test/fetch-stub';
import { agentFixture, pageFixture } from '@/test/fixtures';
import { renderWithProviders } from '@/test/render';
import { AgentPicker } from './agent-picker';

const invoice = agentFixture({ name: 'Invoice Extractor', version_number: 4 });
const summarizer = agentFixture({ name: 'Document Summarizer', version_number: 2 });
const legacy = agentFixture({ name: 'Legacy Classifier', is_active: false });
const draft = agentFixture({ name: 'Document Summarizer', version_number: 3, status: 'draft' });
const archived = agentFixture({ name: 'Invoice Extractor', version_number: 3, status: 'archived' });
const WORKSPACE = [invoice, summarizer, legacy, draft, archived];

/** A small stand-in for `GET /agents` and `GET /agents/{id}` that honours `q`, `status` and
 *  `cursor` (an offset here) the way the API does. */
function agentServer(agents: AgentSummary[], pageSize = 50) {
  return (request: RecordedRequest) => {
    const { pathname, searchParams } = request.url;
    const detailId = /^\/api\/v1\/agents\/([^/]+)$/.exec(pathname)?.[1];
    if (detailId !== undefined) {
      const agent = agents.find((candidate) => candidate.id === decodeURIComponent(detailId));
      return agent
        ? json({ ...agent, config: { system_prompt: 'You read documents.' } })
        : json({ error: 'No agent with this id.' }, { status: 404 });
    }
    const q = searchParams.get('q')?.toLowerCase() ?? '';
    const statuses = (searchParams.get('status') ?? 'draft,published').split(',');
    const rows = agents.filter(
      (agent) =>
        statuses.includes(agent.status ?? '') && (agent.name ?? '').toLowerCase().includes(q),
    );
    const start = Number(searchParams.get('cursor') ?? '0');
    const end = start + pageSize;
    return json(pageFixture(rows.slice(start, end), end < rows.length ? String(end) : null));
  };
}

const listRequests = (requests: RecordedRequest[]) =>
  requests.filter((request) => request.url.pathname === '/api/v1/agents');

/** The picker as a form holds it: the value lives in the parent. */
function Picker({
  initial = null,
  onChange,
}: {
  initial?: string | null;
  onChange: (agentId: string | null) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <AgentPicker
        value={value}
        onChange={(agentId) => {
          onChange(agentId);
          setValue(agentId);
        }}
        invalid={value === null}
        aria-describedby="agent-error"
      />
      <p id="agent-error">Choose an agent.</p>
    </>
  );
}

function setup(options: { agents?: AgentSummary[]; pageSize?: number; initial?: string } = {}) {
  const onChange = vi.fn<(agentId: string | null) => void>();
  const server = agentServer(options.agents ?? WORKSPACE, options.pageSize);
  const { requests } = stubFetch(server);
  renderWithProviders(<Picker initial={options.initial ?? null} onChange={onChange} />);
  const combobox = screen.getByRole('combobox', { name: 'Agent' });
  return { user: userEvent.setup(), onChange, requests, combobox };
}

const optionNames = () => screen.getAllByRole('option').map((option) => option.textContent);

describe('AgentPicker', () => {
  it('lists published agents with version, status and why an inactive one cannot run', async () => {
    const { user, combobox, requests } = setup();
    expect(combobox).toHaveAttribute('aria-expanded', 'false');
    expect(combobox).toHaveAttribute('aria-autocomplete', 'list');
    expect(combobox).toHaveAttribute('aria-invalid', 'true');
    expect(combobox).toHaveAccessibleDescription('Choose an agent.');

    await user.click(combobox);

    expect(combobox).toHaveAttribute('aria-expanded', 'true');
    const listbox = screen.getByRole('listbox');
    expect(combobox).toHaveAttribute('aria-controls', listbox.id);
    await within(listbox).findAllByRole('option');
    expect(optionNames()).toEqual([
      expect.stringMatching(/^Invoice Extractor\s*v4\s*Published$/),
      expect.stringMatching(/^Document Summarizer\s*v2\s*Published$/),
      expect.stringContaining('Legacy Classifier'),
    ]);
    const inactive = screen.getByRole('option', { name: /Legacy Classifier/ });
    expect(inactive).toHaveAttribute('aria-disabled', 'true');
    expect(inactive).toHaveTextContent('Inactive — runs are refused');
    expect(screen.getByRole('option', { name: /Invoice Extractor/ })).not.toHaveAttribute(
      'aria-disabled',
    );

    expect(listRequests(requests).map((request) => request.url.searchParams.get('status'))).toEqual(
      ['published'],
    );
  });

  it('searches on the server with q, once per burst of typing, keeping results meanwhile', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = agentServer(WORKSPACE);
    const { requests } = stubFetch(async (request) => {
      if (request.url.searchParams.has('q')) await held;
      return server(request);
    });
    renderWithProviders(<Picker onChange={vi.fn()} />);
    const user = userEvent.setup();
    const combobox = screen.getByRole('combobox', { name: 'Agent' });
    await user.click(combobox);
    await screen.findAllByRole('option');

    await user.type(combobox, 'inv');

    const searches = () => listRequests(requests).filter((r) => r.url.searchParams.has('q'));
    await waitFor(() => expect(searches()).toHaveLength(1));
    expect(searches()[0]?.url.searchParams.get('q')).toBe('inv');
    expect(searches()[0]?.url.searchParams.get('status')).toBe('published');
    // The previous results stay while the search is on its way.
    expect(screen.getAllByRole('option')).toHaveLength(3);
    expect(screen.getByRole('status')).toHaveTextContent('Searching…');

    release();
    await waitFor(() => expect(optionNames()).toEqual([expect.stringContaining('Invoice')]));
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(searches()).toHaveLength(1);
  });

  it('says when nothing matches', async () => {
    const { user, combobox } = setup();
    await user.type(combobox, 'zzz');
    expect(await screen.findByText('No agents match “zzz”')).toBeInTheDocument();
    expect(screen.queryAllByRole('option')).toHaveLength(0);
  });

  it('is operated by keyboard: arrows move, Enter chooses and shows the name', async () => {
    const { user, combobox, onChange } = setup();
    await screen.findByRole('listbox', { hidden: true });
    await waitFor(() => expect(screen.getAllByRole('option', { hidden: true })).toHaveLength(3));

    await user.tab();
    expect(combobox).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(combobox).toHaveAttribute('aria-expanded', 'true');
    const [first, second, third] = screen.getAllByRole('option');
    expect(combobox).toHaveAttribute('aria-activedescendant', first?.id);
    expect(first).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{ArrowDown}');
    expect(combobox).toHaveAttribute('aria-activedescendant', second?.id);
    await user.keyboard('{End}');
    expect(combobox).toHaveAttribute('aria-activedescendant', third?.id);
    await user.keyboard('{Home}');
    expect(combobox).toHaveAttribute('aria-activedescendant', first?.id);
    await user.keyboard('{ArrowUp}');
    expect(combobox).toHaveAttribute('aria-activedescendant', first?.id);
    await user.keyboard('{ArrowDown}{Enter}');

    expect(onChange).toHaveBeenCalledExactlyOnceWith(summarizer.id);
    expect(combobox).toHaveAttribute('aria-expanded', 'false');
    expect(combobox).not.toHaveAttribute('aria-activedescendant');
    expect(combobox).toHaveValue('Document Summarizer');
    expect(combobox).toHaveFocus();
  });

  it('chooses with a click', async () => {
    const { user, combobox, onChange } = setup();
    await user.click(combobox);
    await user.click(await screen.findByRole('option', { name: /Invoice Extractor/ }));
    expect(onChange).toHaveBeenCalledExactlyOnceWith(invoice.id);
    expect(combobox).toHaveValue('Invoice Extractor');
    expect(combobox).toHaveAttribute('aria-expanded', 'false');
  });

  it('never chooses an inactive agent, by Enter or by click', async () => {
    const { user, combobox, onChange } = setup();
    await user.click(combobox);
    const inactive = await screen.findByRole('option', { name: /Legacy Classifier/ });

    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(combobox).toHaveAttribute('aria-activedescendant', inactive.id);
    await user.keyboard('{Enter}');
    await user.click(inactive);

    expect(onChange).not.toHaveBeenCalled();
    expect(combobox).toHaveAttribute('aria-expanded', 'true');
    expect(combobox).toHaveValue('');
  });

  it('Escape closes the list, a second Escape clears the text', async () => {
    const { user, combobox, onChange } = setup();
    await user.type(combobox, 'Inv');
    expect(combobox).toHaveAttribute('aria-expanded', 'true');

    await user.keyboard('{Escape}');
    expect(combobox).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(combobox).toHaveValue('Inv');

    await user.keyboard('{Escape}');
    expect(combobox).toHaveValue('');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('closing puts the chosen name back; clearing the text clears the choice', async () => {
    const { user, combobox, onChange } = setup({ initial: invoice.id });
    await waitFor(() => expect(combobox).toHaveValue('Invoice Extractor'));

    await user.clear(combobox);
    expect(onChange).toHaveBeenLastCalledWith(null);
    await user.type(combobox, 'Doc');
    await user.keyboard('{Escape}');
    expect(combobox).toHaveValue('Doc');
    await waitFor(() => expect(screen.getAllByRole('option', { hidden: true })).toHaveLength(1));

    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith(summarizer.id));
    await user.type(combobox, 'xyz');
    await user.tab();
    expect(combobox).toHaveValue('Document Summarizer');
  });

  it('shows a preselected agent that is not on the loaded page by its name', async () => {
    const { combobox, requests } = setup({ initial: archived.id });
    await waitFor(() => expect(combobox).toHaveValue('Invoice Extractor'));
    expect(requests.map((request) => request.url.pathname)).toContain(
      `/api/v1/agents/${archived.id}`,
    );
  });

  it('the switch asks for drafts and archived versions too, with a hint on each', async () => {
    const { user, combobox, requests, onChange } = setup();
    const toggle = screen.getByRole('checkbox', { name: 'Include drafts and archived versions' });
    expect(toggle).not.toBeChecked();

    await user.click(toggle);
    await user.click(combobox);

    const draftOption = await screen.findByRole('option', { name: /v3\s*Draft/ });
    expect(draftOption).toHaveTextContent('draft — publish before running');
    expect(draftOption).not.toHaveAttribute('aria-disabled');
    expect(screen.getByRole('option', { name: /Archived/ })).toHaveTextContent(
      'archived — superseded',
    );
    expect(listRequests(requests).at(-1)?.url.searchParams.get('status')).toBe(
      'draft,published,archived',
    );

    await user.click(draftOption);
    expect(onChange).toHaveBeenCalledExactlyOnceWith(draft.id);
  });

  it('fetches the next page when the arrows reach the last loaded option', async () => {
    const { user, combobox, requests } = setup({ pageSize: 2 });
    await user.click(combobox);
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));

    await user.keyboard('{ArrowDown}');
    expect(listRequests(requests)).toHaveLength(1);
    await user.keyboard('{ArrowDown}');

    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    expect(listRequests(requests).map((request) => request.url.searchParams.get('cursor'))).toEqual(
      [null, '2'],
    );
    await user.keyboard('{ArrowDown}');
    expect(combobox).toHaveAttribute(
      'aria-activedescendant',
      screen.getByRole('option', { name: /Legacy Classifier/ }).id,
    );
  });

  it('stops paging, and says so, when the server keeps returning the same page', async () => {
    const looping = [agentFixture({ name: 'Loop One' }), agentFixture({ name: 'Loop Two' })];
    const { requests } = stubFetch((request) =>
      request.url.pathname === '/api/v1/agents'
        ? json(pageFixture(looping, 'same-cursor-every-time'))
        : json({ error: 'Not found' }, { status: 404 }),
    );
    const { queryClient } = renderWithProviders(<Picker initial={null} onChange={vi.fn()} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: 'Agent' }));
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(
      await screen.findByText('The server keeps returning the same page, so the list stops here.'),
    ).toBeInTheDocument();
    // One more page was asked for (it repeated the first), and then nothing: the list is at
    // rest and its paging offers no next page.
    expect(listRequests(requests)).toHaveLength(2);
    const [agents] = queryClient.getQueryCache().findAll({ queryKey: ['agents'] });
    expect(agents?.state.fetchStatus).toBe('idle');
    expect(nextCursor(agents?.state.data as PagingState<AgentSummary>, (a) => a.id)).toBe(
      undefined,
    );
    expect(screen.getAllByRole('option')).toHaveLength(2);
  });

  it('fetches the next page when the end of the list scrolls into view', async () => {
    const observers: Array<{ callback: IntersectionObserverCallback; live: boolean }> = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        private readonly entry: { callback: IntersectionObserverCallback; live: boolean };
        constructor(callback: IntersectionObserverCallback) {
          this.entry = { callback, live: true };
          observers.push(this.entry);
        }
        observe() {}
        disconnect() {
          this.entry.live = false;
        }
      },
    );
    const { user, combobox, requests } = setup({ pageSize: 2 });
    await user.click(combobox);
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));
    expect(listRequests(requests)).toHaveLength(1);

    const observer = observers.find((candidate) => candidate.live);
    expect(observer).toBeDefined();
    observer?.callback(
      [{ isIntersecting: true } as IntersectionObserverEntry],
      {} as IntersectionObserver,
    );

    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    expect(listRequests(requests).at(-1)?.url.searchParams.get('cursor')).toBe('2');
    // Nothing more to load: no observer is left watching.
    await waitFor(() => expect(observers.some((candidate) => candidate.live)).toBe(false));
  });

  it("shows the server's message with Retry, which loads the agents", async () => {
    let failing = true;
    const server = agentServer(WORKSPACE);
    const { requests } = stubFetch((request) =>
      failing
        ? json({ error: 'Simulated outage: the service is deploying.' }, { status: 503 })
        : server(request),
    );
    renderWithProviders(<Picker onChange={vi.fn()} />);
    const user = userEvent.setup();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Simulated outage: the service is deploying.');

    failing = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    await user.click(screen.getByRole('combobox', { name: 'Agent' }));
    expect(screen.getAllByRole('option')).toHaveLength(3);
    expect(listRequests(requests)).toHaveLength(2);
  });
});

/** Records a run of `agentId` in this browser, `minutesAgo` minutes ago. */
function ran(taskId: string, agentId: string, minutesAgo: number) {
  rememberTaskInputs(taskId, {
    agentId,
    query: 'q',
    outputSchema: '',
    instructions: '',
    plainLanguage: false,
    fileNames: [],
    startedAt: Date.now() - minutesAgo * 60_000,
  });
}

const groupNames = (name: string) =>
  within(screen.getByRole('group', { name }))
    .getAllByRole('option')
    .map((option) => option.textContent);

describe('AgentPicker: descriptions and recent agents', () => {
  afterEach(() => localStorage.removeItem(TASK_INPUTS_KEY));

  it('shows a description (or summary) under the name, as the option’s description', async () => {
    const described = agentFixture({ name: 'Invoice Extractor', description: 'Reads invoices.' });
    const summed = agentFixture({ name: 'Ledger Sync', description: null, summary: 'Syncs.' });
    const plain = agentFixture({ name: 'Plain', description: '  ' });
    const { user, combobox } = setup({ agents: [described, summed, plain] });
    await user.click(combobox);

    const invoiceOption = await screen.findByRole('option', { name: /Invoice Extractor/ });
    expect(invoiceOption).toHaveTextContent('Reads invoices.');
    expect(invoiceOption).toHaveAccessibleDescription('Reads invoices.');
    expect(invoiceOption).not.toHaveAccessibleName(/Reads invoices/);
    expect(screen.getByRole('option', { name: /Ledger Sync/ })).toHaveAccessibleDescription(
      'Syncs.',
    );
    expect(screen.getByRole('option', { name: /Plain/ })).not.toHaveAttribute('aria-describedby');
  });

  it('lists the agents this browser ran last first, in a Recent group, each once', async () => {
    const [a, b, c] = [1, 2, 3].map((n) => agentFixture({ name: `Agent ${n}` })) as [
      AgentSummary,
      AgentSummary,
      AgentSummary,
    ];
    ran('t1', c.id, 30);
    ran('t2', a.id, 5);
    ran('t3', c.id, 1);
    const { user, combobox, onChange } = setup({ agents: [a, b, c] });
    await user.click(combobox);

    await screen.findByRole('group', { name: 'Recent' });
    expect(groupNames('Recent')).toEqual([
      expect.stringContaining('Agent 3'),
      expect.stringContaining('Agent 1'),
    ]);
    expect(groupNames('All agents')).toEqual([expect.stringContaining('Agent 2')]);

    // The arrows walk the list as shown, Recent first.
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onChange).toHaveBeenLastCalledWith(c.id);

    // Typing searches all agents: no group.
    await user.clear(combobox);
    await user.type(combobox, 'Agent');
    await waitFor(() => expect(screen.queryByRole('group')).not.toBeInTheDocument());
    expect(screen.getAllByRole('option')).toHaveLength(3);
  });

  it('fetches a recent agent that is not on the loaded page; a gone one is left out', async () => {
    const agents = [1, 2, 3, 4].map((n) => agentFixture({ name: `Agent ${n}` }));
    const far = agents[3] as AgentSummary;
    ran('t1', far.id, 2);
    ran('t2', '00000000-0000-4000-8000-00000000dead', 1);
    const { user, combobox, requests } = setup({ agents, pageSize: 2 });
    await user.click(combobox);

    await screen.findByRole('group', { name: 'Recent' });
    await waitFor(() => expect(groupNames('Recent')).toEqual([expect.stringContaining('Agent 4')]));
    const details = requests.filter((request) => request.url.pathname !== '/api/v1/agents');
    expect(details.map((request) => request.url.pathname).sort()).toEqual(
      [far.id, '00000000-0000-4000-8000-00000000dead'].map((id) => `/api/v1/agents/${id}`).sort(),
    );
  });

  it('shows no group when this browser has run nothing', async () => {
    const { user, combobox } = setup();
    await user.click(combobox);
    await screen.findAllByRole('option');
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });
});
