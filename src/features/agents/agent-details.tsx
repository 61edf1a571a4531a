/** The chosen agent at a glance (`GET /agents/{id}`): description, version, status, whether it can
 *  run, the start of its system prompt, last change. A 404 says to pick another agent. */
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '@/api/http';
import type { Agent } from '@/api/schemas';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { SafeText } from '@/components/safe-text';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { formatRelativeTime } from '@/lib/format';
import { agentDescription, agentName, AgentStatusBadge, statusHint } from './agent-status';
import { agentQueries } from './agents-queries';

const EXCERPT_LENGTH = 200;

/** The first ~200 characters, cut at a word where one is near, with "…" when shortened. */
function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function AgentDetails({ agentId }: { agentId: string }) {
  const query = useQuery(agentQueries.detail(agentId));
  const { data: agent, error } = query;

  // `dataUpdatedAt` as "now" keeps rendering pure: the age is as of the moment it was fetched.
  if (agent) return <AgentCard agent={agent} now={query.dataUpdatedAt} />;

  if (query.isError) {
    if (isApiError(error) && error.status === 404) {
      return (
        <Alert title="This agent no longer exists">
          It may have been deleted, or the link you followed is out of date. Pick another agent.
        </Alert>
      );
    }
    return (
      <ApiErrorAlert
        title="Couldn’t load the agent’s details"
        error={error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }

  return (
    <div aria-busy="true" className="space-y-3 rounded-lg border border-border bg-surface p-4">
      <p className="sr-only">Loading the agent’s details…</p>
      <Skeleton className="h-5 w-1/2" />
      <Skeleton className="h-4 w-1/3" />
      <Skeleton className="h-12 w-full" />
    </div>
  );
}

function AgentCard({ agent, now }: { agent: Agent; now: number }) {
  const prompt = agent.config?.system_prompt;
  const hint = statusHint(agent.status);
  const description = agentDescription(agent);
  return (
    <section
      aria-label="Agent details"
      className="space-y-3 rounded-lg border border-border bg-surface p-4 text-sm"
    >
      <p className="font-semibold break-words text-text">
        <SafeText text={agentName(agent)} />
      </p>
      {description ? (
        <p className="text-muted">
          <SafeText text={description} />
        </p>
      ) : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
        {agent.version_number !== undefined ? (
          <Row term="Version">
            <span className="tabular-nums">v{agent.version_number}</span>
          </Row>
        ) : null}
        <Row term="Status">
          <span className="flex flex-wrap items-center gap-2">
            <AgentStatusBadge status={agent.status} inactive={agent.is_active === false} />
            {hint ? <span className="text-muted">{hint}</span> : null}
          </span>
        </Row>
        <Row term="Runs">
          {agent.is_active === undefined ? (
            <span className="text-muted">Not stated by the API (it decides when you run)</span>
          ) : agent.is_active ? (
            <Badge tone="success">Active</Badge>
          ) : (
            <span className="flex flex-wrap items-center gap-2">
              <Badge tone="warning">Inactive</Badge>
              <span className="text-muted">
                Runs are refused while it is switched off (is_active is false). Turn it on in the
                Nanonets dashboard, or pick another agent.
              </span>
            </span>
          )}
        </Row>
        {agent.updated_at ? (
          <Row term="Updated">
            <time dateTime={agent.updated_at}>{formatRelativeTime(agent.updated_at, now)}</time>
          </Row>
        ) : null}
        <Row term="System prompt">
          {typeof prompt === 'string' && prompt.trim() !== '' ? (
            <span className="text-muted">{excerpt(prompt)}</span>
          ) : (
            <span className="text-muted italic">None</span>
          )}
        </Row>
      </dl>
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-muted">{term}</dt>
      <dd className="min-w-0 text-text [overflow-wrap:anywhere]">{children}</dd>
    </>
  );
}
