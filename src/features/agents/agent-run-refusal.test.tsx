import { useQuery } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '@/test/fetch-stub';
import { agentFixture, pageFixture } from '@/test/fixtures';
import { renderWithProviders } from '@/test/render';
import { AgentRunRefusal } from './agent-run-refusal';
import { agentQueries } from './agents-queries';
import { AgentStatusBadge, runRefusal } from './agent-status';

const draft = agentFixture({ name: 'Summarizer', status: 'draft', version_number: 3 });
const group = { name: 'Summarizer', agent_group_id: draft.agent_group_id };
const archived = agentFixture({ ...group, status: 'archived', version_number: 1 });
const published = agentFixture({ ...group, version_number: 2 });
const otherAgent = agentFixture({ name: 'Summarizer Pro', version_number: 9 });

/** Shows when the list of published versions the refusal reads has been answered. */
function ListAnswered() {
  const { isSuccess } = useQuery(agentQueries.published(draft.name));
  return isSuccess ? <p>List answered</p> : null;
}

function serve(versions: (typeof draft)[]) {
  return stubFetch((request) =>
    request.url.pathname.endsWith(draft.id)
      ? json({ ...draft, config: {} })
      : json(pageFixture(versions)),
  );
}

describe('AgentRunRefusal', () => {
  it('says why a draft cannot run and switches to the published version of the same agent', async () => {
    const { requests } = serve([otherAgent, archived, published]);
    const onSwitch = vi.fn();
    renderWithProviders(<AgentRunRefusal id="why" agentId={draft.id} onSwitch={onSwitch} />);

    expect(
      await screen.findByText('This is a draft version; only published versions run.'),
    ).toHaveAttribute('id', 'why');
    await userEvent
      .setup()
      .click(await screen.findByRole('button', { name: 'Switch to the published version (v2)' }));
    expect(onSwitch).toHaveBeenCalledWith(published.id);
    const list = requests.find((request) => request.url.pathname === '/api/v1/agents');
    expect(list?.url.searchParams.get('status')).toBe('published');
    expect(list?.url.searchParams.get('q')).toBe('Summarizer');
  });

  it('offers no switch when the published version is inactive', async () => {
    serve([{ ...published, is_active: false }]);
    renderWithProviders(
      <>
        <AgentRunRefusal id="why" agentId={draft.id} onSwitch={vi.fn()} />
        <ListAnswered />
      </>,
    );
    await screen.findByText(/draft version/);
    // Observers of one query are told of its answer together: the refusal has seen it too.
    await screen.findByText('List answered');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});

describe('runRefusal and the status badge', () => {
  it('refuses drafts, archived and inactive versions, and runs the rest', () => {
    expect(runRefusal({ status: 'archived' })).toBe(
      'This is an archived version; only published versions run.',
    );
    expect(runRefusal({ status: 'published', is_active: false })).toBe(
      'This agent is inactive, so runs are refused.',
    );
    expect(runRefusal({ status: 'published', is_active: true })).toBeNull();
    expect(runRefusal({ status: 'published' })).toBeNull();
  });

  it('never shows an inactive version as a green Published', () => {
    const { rerender } = renderWithProviders(<AgentStatusBadge status="published" inactive />);
    expect(screen.getByText('Published, inactive')).not.toHaveClass('text-success');
    rerender(<AgentStatusBadge status="published" />);
    expect(screen.getByText('Published')).toHaveClass('text-success');
  });
});
