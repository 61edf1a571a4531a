/** The agents this browser ran most recently (from its record of run inputs, newest first), for
 *  the top of the picker: taken from the loaded list, else fetched once by id while the list is
 *  open. */
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgentSummary } from '@/api/schemas';
import { recentTaskIds, taskInputsOf } from '@/lib/task-inputs';
import { agentKeys, agentQueries } from './agents-queries';

export const RECENT_AGENTS = 3;

/** The distinct agent ids of this browser's runs, most recently started first. */
export function recentAgentIds(limit = RECENT_AGENTS): string[] {
  const ids = new Set<string>();
  for (const taskId of recentTaskIds(Infinity)) {
    if (ids.size === limit) break;
    const agentId = taskInputsOf(taskId)?.agentId;
    if (agentId) ids.add(agentId);
  }
  return [...ids];
}

/**
 * `listed`: the unsearched list as loaded so far (`undefined` while it loads). A recent agent not
 * on it is fetched by id when `open`; one that is gone (404) or, unless `includeAll`, no longer
 * published is left out.
 */
export function useRecentAgents(
  listed: AgentSummary[] | undefined,
  open: boolean,
  includeAll: boolean,
): AgentSummary[] {
  const client = useQueryClient();
  // Read once: the record only grows when a run starts, and that leaves this page.
  const [ids] = useState(recentAgentIds);
  const missing = listed ? ids.filter((id) => !listed.some((agent) => agent.id === id)) : [];
  const fetched = useQuery({
    queryKey: [...agentKeys.details(), 'recent', missing],
    queryFn: () =>
      Promise.all(
        missing.map((id) => client.fetchQuery(agentQueries.detail(id)).catch(() => undefined)),
      ),
    enabled: open && missing.length > 0,
    staleTime: 60_000,
    // A page of the list that brings one of them changes the key: the others stay shown.
    placeholderData: keepPreviousData,
  });
  if (!listed) return [];
  return ids.flatMap((id) => {
    const agent =
      listed.find((candidate) => candidate.id === id) ??
      fetched.data?.find((candidate) => candidate?.id === id);
    if (!agent || (!includeAll && agent.status !== undefined && agent.status !== 'published')) {
      return [];
    }
    return [agent];
  });
}
