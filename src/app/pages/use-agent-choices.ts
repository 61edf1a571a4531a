/** The agents a task filter can offer: every version the API lists (drafts and archived too: old
 *  tasks ran on them), grouped per agent; one page of up to 100, read once a minute at most. */
import { useQuery } from '@tanstack/react-query';
import { listAgents } from '@/api/agents';
import { AGENT_STATUSES } from '@/api/schemas';
import { agentKeys } from '@/features/agents/agents-queries';
import type { AgentName } from '@/features/tasks/task-filter-params';

const NONE: AgentName[] = [];

export function useAgentChoices(): AgentName[] {
  const filters = { status: AGENT_STATUSES, limit: 100 };
  const { data } = useQuery({
    queryKey: [...agentKeys.list(filters), 'choices'],
    queryFn: ({ signal }) => listAgents(filters, signal),
    staleTime: 60_000,
    select: (page) =>
      page.data.map((agent): AgentName => ({
        id: agent.id,
        name: agent.name ?? agent.id,
        groupId: agent.agent_group_id,
        version: agent.version_number,
        status: agent.status,
        active: agent.is_active,
      })),
  });
  return data ?? NONE;
}
