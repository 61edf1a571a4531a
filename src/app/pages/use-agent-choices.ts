/**
 * The agents a task filter can offer, by name: every agent version the API lists (drafts and
 * archived ones too — old tasks ran on them), one page of up to 100, read once a minute at most.
 */
import { useQuery } from '@tanstack/react-query';
import { listAgents } from '@/api/agents';
import { AGENT_STATUSES } from '@/api/schemas';
import { agentKeys } from '@/features/agents/agents-queries';

export function useAgentChoices(): { id: string; name: string }[] {
  const filters = { status: AGENT_STATUSES, limit: 100 };
  const { data } = useQuery({
    queryKey: [...agentKeys.list(filters), 'choices'],
    queryFn: ({ signal }) => listAgents(filters, signal),
    staleTime: 60_000,
    select: (page) =>
      page.data.map((agent) => ({
        id: agent.id,
        name: `${agent.name ?? agent.id}${agent.version_number !== undefined ? ` (v${agent.version_number})` : ''}`,
      })),
  });
  return data ?? [];
}
