/** Query keys and options for agents. Keys go from generic to specific (`['agents', 'list',
 *  filters]`, `['agents', 'detail', id]`) so a mutation can invalidate every list at once with
 *  `agentKeys.lists()`; everything a query function reads is in its key. */
import { infiniteQueryOptions, queryOptions, type InfiniteData } from '@tanstack/react-query';
import { getAgent, listAgents, type ListAgentsParams } from '@/api/agents';
import { nextCursor, pagingStalled } from '@/api/paging';
import type { AgentPage, AgentSummary, UnreadableItem } from '@/api/schemas';

const agentId = (agent: AgentSummary) => agent.id;

/** The list filters (everything of `ListAgentsParams` except the cursor, which is the page). */
export type AgentListFilters = Omit<ListAgentsParams, 'cursor'>;

export const agentKeys = {
  all: ['agents'] as const,
  lists: () => [...agentKeys.all, 'list'] as const,
  list: (filters: AgentListFilters) => [...agentKeys.lists(), filters] as const,
  details: () => [...agentKeys.all, 'detail'] as const,
  detail: (agentId: string) => [...agentKeys.details(), agentId] as const,
};

export const agentQueries = {
  /** Cursor-paginated list; `fetchNextPage` walks `next_cursor` until `has_more` is false. */
  list: (filters: AgentListFilters = {}) =>
    infiniteQueryOptions({
      queryKey: agentKeys.list(filters),
      queryFn: ({ pageParam, signal }) => listAgents({ ...filters, cursor: pageParam }, signal),
      initialPageParam: undefined as string | undefined,
      // Stops at the end, and also when the server loops (a cursor that repeats, a page with
      // nothing new): see `api/paging.ts`.
      getNextPageParam: (_lastPage, pages, _lastParam, pageParams) =>
        nextCursor({ pages, pageParams }, agentId),
      // Agents change rarely (someone edits them in the Nanonets dashboard); a minute of
      // freshness saves a refetch on every navigation back to the run form.
      staleTime: 60_000,
    }),

  /** One page of published versions named like `name`: where another version of an agent is
   *  found (the API cannot filter by `agent_group_id`). Not the picker's infinite list. */
  published: (name: string | undefined) => {
    const filters: AgentListFilters = { q: name, status: ['published'], limit: 100 };
    return queryOptions({
      queryKey: [...agentKeys.list(filters), 'page'],
      queryFn: ({ signal }) => listAgents(filters, signal),
      staleTime: 60_000,
    });
  },

  detail: (agentId: string) =>
    queryOptions({
      queryKey: agentKeys.detail(agentId),
      queryFn: ({ signal }) => getAgent(agentId, signal),
      staleTime: 60_000,
    }),
};

/**
 * `select` for `agentQueries.list`: the pages as one list, plus the items no page could read
 * (shown as such, never dropped in silence). An agent created while someone pages shifts the
 * newest-first order by one, so the next page can repeat the last agent of the previous one; it
 * is kept once (a repeated id would also break the picker's option ids).
 */
export function flattenAgentPages(data: InfiniteData<AgentPage, string | undefined>): {
  agents: AgentSummary[];
  unreadable: UnreadableItem[];
  /** The server kept returning the same page, so paging stopped early. */
  stalled: boolean;
} {
  const seen = new Set<string>();
  const agents: AgentSummary[] = [];
  for (const page of data.pages) {
    for (const agent of page.data) {
      if (!seen.has(agent.id)) {
        seen.add(agent.id);
        agents.push(agent);
      }
    }
  }
  return {
    agents,
    unreadable: data.pages.flatMap((page) => page.unreadable),
    stalled: pagingStalled(data, agentId) !== undefined,
  };
}
