/** The agent picker's data: agents matching the debounced text, page after page, keeping the last
 *  results while the next load, and a one-line status that is also the popup's live region. */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { STALLED_PAGING_MESSAGE } from '@/api/paging';
import { AGENT_STATUSES, type AgentStatus } from '@/api/schemas';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { agentQueries, flattenAgentPages } from './agents-queries';

export const SEARCH_DEBOUNCE_MS = 250;
const PUBLISHED: readonly AgentStatus[] = ['published'];

export function useAgentSearch(text: string, includeAll: boolean) {
  const typed = text.trim();
  const term = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS);
  const query = useInfiniteQuery({
    ...agentQueries.list({ q: term || undefined, status: includeAll ? AGENT_STATUSES : PUBLISHED }),
    select: flattenAgentPages,
    placeholderData: keepPreviousData,
  });
  const agents = query.data?.agents ?? [];
  const unreadable = query.data?.unreadable ?? [];
  const canLoadMore = query.hasNextPage && !query.isFetchingNextPage && !query.isFetchNextPageError;

  let status = '';
  if (query.isError && !query.data) status = 'Couldn’t load the agents.';
  else if (query.isPending) status = 'Loading agents…';
  else if (query.isPlaceholderData || typed !== term) status = 'Searching…';
  else if (agents.length === 0 && unreadable.length === 0) {
    status = term
      ? `No agents match “${term}”`
      : includeAll
        ? 'No agents in this workspace yet.'
        : 'No published agents. Include drafts and archived versions to see the rest.';
  } else if (query.isFetchingNextPage) status = 'Loading more…';
  else if (query.data?.stalled) status = STALLED_PAGING_MESSAGE;
  else if (query.isFetchNextPageError) status = 'Couldn’t load more agents.';

  return { query, agents, unreadable, canLoadMore, status };
}
