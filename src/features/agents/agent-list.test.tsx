import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, stubFetch } from '@/test/fetch-stub';
import { agentFixture, pageFixture } from '@/test/fixtures';
import { renderWithProviders } from '@/test/render';
import { AgentList } from './agent-list';

const summarizer = agentFixture({ name: 'Document Summarizer', version_number: 2 });
const draft = agentFixture({ name: 'Document Summarizer', version_number: 3, status: 'draft' });
const invoice = agentFixture({ name: 'Invoice Extractor' });
const legacy = agentFixture({ name: 'Legacy Classifier', is_active: false });

describe('AgentList', () => {
  it('lists agents with their version, status and inactive marker', async () => {
    const { requests } = stubFetch(() => json(pageFixture([summarizer, draft, legacy])));
    renderWithProviders(<AgentList />);

    const list = await screen.findByRole('list', { name: 'Agents' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Document Summarizer');
    expect(items[0]).toHaveTextContent('v2');
    expect(items[0]).toHaveTextContent('Published');
    expect(items[1]).toHaveTextContent('v3');
    expect(items[1]).toHaveTextContent('Draft');
    expect(items[2]).toHaveTextContent('Legacy Classifier');
    expect(within(items[2]!).getByText('Inactive')).toBeInTheDocument();
    expect(items[2]).toHaveTextContent(/runs are refused/);
    expect(within(items[0]!).queryByText('Inactive')).not.toBeInTheDocument();

    expect(requests).toHaveLength(1);
    expect(requests[0]?.url.pathname).toBe('/api/v1/agents');
    expect(requests[0]?.url.searchParams.has('cursor')).toBe(false);
  });

  it('shows a skeleton, not an empty list, while the first page loads', async () => {
    let release: (response: Response) => void = () => undefined;
    stubFetch(() => new Promise<Response>((resolve) => (release = resolve)));
    renderWithProviders(<AgentList />);

    expect(screen.getByText('Loading agents…')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Agents' })).not.toBeInTheDocument();

    release(json(pageFixture([invoice])));
    expect(await screen.findByRole('list', { name: 'Agents' })).toHaveTextContent(
      'Invoice Extractor',
    );
    expect(screen.queryByText('Loading agents…')).not.toBeInTheDocument();
  });

  it('"Load more" fetches the next page with the cursor and appends it', async () => {
    const user = userEvent.setup();
    const { requests } = stubFetch((request) =>
      request.url.searchParams.get('cursor') === 'page-2'
        ? json(pageFixture([invoice, legacy]))
        : json(pageFixture([summarizer], 'page-2')),
    );
    renderWithProviders(<AgentList />);

    const list = await screen.findByRole('list', { name: 'Agents' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await within(list).findByText('Invoice Extractor')).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(requests.map((request) => request.url.searchParams.get('cursor'))).toEqual([
      null,
      'page-2',
    ]);
    // The last page has has_more: false, so there is nothing more to load.
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it("shows the server's message with advice, and Retry refetches", async () => {
    const user = userEvent.setup();
    let failing = true;
    const { requests } = stubFetch(() =>
      failing
        ? json({ error: 'Simulated outage: the service is deploying.' }, { status: 503 })
        : json(pageFixture([invoice])),
    );
    renderWithProviders(<AgentList />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Simulated outage: the service is deploying.');
    expect(alert).toHaveTextContent(/Try again in a moment/);
    expect(screen.queryByRole('list', { name: 'Agents' })).not.toBeInTheDocument();

    failing = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByRole('list', { name: 'Agents' })).toHaveTextContent(
      'Invoice Extractor',
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(requests).toHaveLength(2);
  });

  it('keeps the loaded agents when the next page fails, and Retry loads it', async () => {
    const user = userEvent.setup();
    let nextPageFails = true;
    stubFetch((request) => {
      if (request.url.searchParams.get('cursor') !== 'page-2') {
        return json(pageFixture([summarizer], 'page-2'));
      }
      return nextPageFails
        ? json({ error: 'Rate limit exceeded.' }, { status: 429, headers: { 'Retry-After': '3' } })
        : json(pageFixture([invoice]));
    });
    renderWithProviders(<AgentList />);

    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Rate limit exceeded.');
    expect(alert).toHaveTextContent('Wait 3 s');
    expect(screen.getByRole('list', { name: 'Agents' })).toHaveTextContent('Document Summarizer');

    nextPageFails = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Invoice Extractor')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says so when the workspace has no agents', async () => {
    stubFetch(() => json(pageFixture([])));
    renderWithProviders(<AgentList />);
    expect(await screen.findByText(/No agents in this workspace yet/)).toBeInTheDocument();
  });
});
