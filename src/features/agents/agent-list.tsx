/**
 * The workspace's agents: name, version, lifecycle status, and whether they can be run at all.
 * Pages through `next_cursor` with "Load more" rather than an endless scroll, so keyboard and
 * screen-reader users keep their place. States are checked data-first: a failed refresh or a
 * failed next page keeps the agents already shown and adds an error with Retry beside them.
 */
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type { AgentPage, AgentStatus, AgentSummary } from '@/api/schemas';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { agentQueries, type AgentListFilters } from './agents-queries';

const STATUS_BADGE: Readonly<Record<AgentStatus, { label: string; tone: BadgeTone }>> = {
  published: { label: 'Published', tone: 'success' },
  draft: { label: 'Draft', tone: 'accent' },
  archived: { label: 'Archived', tone: 'neutral' },
};

/** Flattens the pages; an agent that moved between pages while paging (a new one was created)
 *  would otherwise appear twice. */
function selectAgents(data: InfiniteData<AgentPage, string | undefined>): AgentSummary[] {
  const seen = new Set<string>();
  return data.pages
    .flatMap((page) => page.data)
    .filter((agent) => !seen.has(agent.id) && Boolean(seen.add(agent.id)));
}

export interface AgentListProps {
  filters?: AgentListFilters;
}

export function AgentList({ filters }: AgentListProps) {
  const query = useInfiniteQuery({ ...agentQueries.list(filters), select: selectAgents });
  const { data: agents, error } = query;

  if (agents) {
    return (
      <div className="space-y-3">
        {agents.length === 0 ? (
          <p className="text-sm text-muted">
            No agents in this workspace yet. Create one in the Nanonets dashboard, then come back.
          </p>
        ) : (
          <ul
            aria-label="Agents"
            className="divide-y divide-border rounded-lg border border-border bg-surface"
          >
            {agents.map((agent) => (
              <AgentRow key={agent.id} agent={agent} />
            ))}
          </ul>
        )}
        {query.isFetchNextPageError ? (
          <ApiErrorAlert
            title="Couldn't load more agents"
            error={error}
            onRetry={() => void query.fetchNextPage()}
            retrying={query.isFetchingNextPage}
          />
        ) : null}
        {query.isRefetchError ? (
          <ApiErrorAlert
            title="Couldn't refresh the agents"
            error={error}
            onRetry={() => void query.refetch()}
            retrying={query.isRefetching}
          />
        ) : null}
        {query.hasNextPage && !query.isFetchNextPageError ? (
          <Button
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
            className="w-full"
          >
            {query.isFetchingNextPage ? 'Loading more…' : 'Load more'}
          </Button>
        ) : null}
      </div>
    );
  }

  if (query.isError) {
    return (
      <ApiErrorAlert
        title="Couldn't load the agents"
        error={error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }

  return <AgentListSkeleton />;
}

function AgentRow({ agent }: { agent: AgentSummary }) {
  const status = STATUS_BADGE[agent.status];
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium text-text">{agent.name}</p>
        {agent.is_active ? null : (
          <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-muted">
            <Badge tone="warning">Inactive</Badge>
            <span>Switched off (is_active is false), so runs are refused.</span>
          </p>
        )}
      </div>
      <span className="text-sm text-muted tabular-nums">v{agent.version_number}</span>
      <Badge tone={status.tone}>{status.label}</Badge>
    </li>
  );
}

function AgentListSkeleton() {
  return (
    <div aria-busy="true">
      <p className="sr-only">Loading agents…</p>
      <div className="divide-y divide-border rounded-lg border border-border bg-surface">
        {[0, 1, 2].map((row) => (
          <div key={row} className="flex items-center gap-3 px-4 py-3">
            <Skeleton className="h-4 flex-1" />
            <Skeleton className="h-4 w-8" />
            <Skeleton shape="pill" className="h-5 w-20" />
          </div>
        ))}
      </div>
    </div>
  );
}
