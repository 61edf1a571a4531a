import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, stubFetch } from '@/test/fetch-stub';
import { agentFixture } from '@/test/fixtures';
import { renderWithProviders } from '@/test/render';
import { AgentDetails } from './agent-details';

const LONG_PROMPT = `You extract invoices.\n\n${'Read every line item carefully. '.repeat(12)}`;

describe('AgentDetails', () => {
  it('shows version, status, whether it runs, and the start of the system prompt', async () => {
    const agent = agentFixture({ name: 'Invoice Extractor', version_number: 3, status: 'draft' });
    const { requests } = stubFetch(() =>
      json({ ...agent, config: { system_prompt: LONG_PROMPT, tools: ['read_file'] } }),
    );
    renderWithProviders(<AgentDetails agentId={agent.id} />);

    expect(screen.getByText('Loading the agent’s details…')).toBeInTheDocument();
    const details = await screen.findByRole('region', { name: 'Agent details' });
    expect(details).toHaveTextContent('Invoice Extractor');
    expect(details).toHaveTextContent('v3');
    expect(within(details).getByText('Draft')).toBeInTheDocument();
    expect(details).toHaveTextContent('draft — publish before running');
    expect(within(details).getByText('Active')).toBeInTheDocument();

    const excerpt = within(details).getByText(/^You extract invoices\. Read every/);
    expect(excerpt.textContent).toMatch(/…$/);
    expect(excerpt.textContent.length).toBeLessThanOrEqual(201);
    expect(requests.map((request) => request.url.pathname)).toEqual([`/api/v1/agents/${agent.id}`]);
  });

  it('says why an inactive agent cannot run', async () => {
    const agent = agentFixture({ is_active: false });
    stubFetch(() => json({ ...agent, config: {} }));
    renderWithProviders(<AgentDetails agentId={agent.id} />);
    const details = await screen.findByRole('region', { name: 'Agent details' });
    expect(within(details).getByText('Inactive')).toBeInTheDocument();
    expect(details).toHaveTextContent(/Runs are refused while it is switched off/);
    expect(details).toHaveTextContent(/System prompt\s*None/);
  });

  it('shows the description where the API sends one, under `summary` too', async () => {
    const agent = agentFixture({ name: 'Ledger Sync', summary: 'Keeps the ledger in sync.' });
    stubFetch(() => json({ ...agent, config: {} }));
    renderWithProviders(<AgentDetails agentId={agent.id} />);
    const details = await screen.findByRole('region', { name: 'Agent details' });
    expect(within(details).getByText('Keeps the ledger in sync.')).toBeInTheDocument();
  });

  it('says a deleted agent no longer exists and to pick another, without Retry', async () => {
    stubFetch(() => json({ error: 'No agent with id x exists.' }, { status: 404 }));
    renderWithProviders(<AgentDetails agentId="gone" />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This agent no longer exists');
    expect(alert).toHaveTextContent('Pick another agent.');
    expect(within(alert).queryByRole('button')).not.toBeInTheDocument();
  });

  it('offers Retry for other failures', async () => {
    const agent = agentFixture({ name: 'Back Again' });
    let failing = true;
    stubFetch(() =>
      failing
        ? json({ error: 'Service unavailable.' }, { status: 503 })
        : json({ ...agent, config: {} }),
    );
    renderWithProviders(<AgentDetails agentId={agent.id} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Service unavailable.');
    failing = false;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('region', { name: 'Agent details' })).toHaveTextContent(
      'Back Again',
    );
  });
});
