import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '@/test/fetch-stub';
import { agentFixture, pageFixture } from '@/test/fixtures';
import { renderWithProviders } from '@/test/render';
import { AgentVersionPicker } from './agent-version-picker';

const v2 = agentFixture({ name: 'Invoice Extractor', version_number: 2 });
const group = { name: 'Invoice Extractor', agent_group_id: v2.agent_group_id };
const v1 = agentFixture({ ...group, status: 'archived', version_number: 1 });
const v3 = agentFixture({ ...group, version_number: 3 });
const v4 = agentFixture({ ...group, status: 'draft', version_number: 4 });
const namesake = agentFixture({ name: 'Invoice Extractor Pro', version_number: 7 });

describe('AgentVersionPicker', () => {
  it('offers the versions of the original agent, newest first, with the chosen one focused', async () => {
    const { requests } = stubFetch((request) =>
      request.url.pathname.endsWith(v2.id)
        ? json({ ...v2, config: {} })
        : json(pageFixture([namesake, v1, v3, v2, v4])),
    );
    const onChange = vi.fn();
    renderWithProviders(
      <AgentVersionPicker originalAgentId={v2.id} value={v2.id} onChange={onChange} />,
    );

    const group = screen.getByRole('group', { name: 'Version' });
    const radios = await within(group).findAllByRole('radio');
    expect(radios.map((radio) => radio.closest('label')?.textContent)).toEqual([
      expect.stringMatching(/^v4.*draft/),
      expect.stringMatching(/^v3/),
      expect.stringMatching(/^v2.*the original’s version/),
      expect.stringMatching(/^v1.*archived/),
    ]);
    expect(within(group).getByRole('radio', { name: /^v2/ })).toBeChecked();
    expect(within(group).getByRole('radio', { name: /^v2/ })).toHaveFocus();
    // Drafts and archived versions cannot run: shown, not choosable.
    expect(within(group).getByRole('radio', { name: /^v4/ })).toBeDisabled();
    expect(within(group).getByRole('radio', { name: /^v1/ })).toBeDisabled();

    await userEvent.click(within(group).getByRole('radio', { name: /^v3/ }));
    expect(onChange).toHaveBeenCalledWith(v3.id);
    const list = requests.find((request) => request.url.pathname === '/api/v1/agents');
    expect(list?.url.searchParams.get('q')).toBe('Invoice Extractor');
    expect(list?.url.searchParams.get('status')).toBe('published,draft,archived');
  });
});
