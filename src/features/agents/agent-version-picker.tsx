/** `Version`: the versions of one agent (same `agent_group_id`) as radio buttons, newest first, the
 *  chosen one focused on arrival; drafts and archived versions are shown but cannot be chosen,
 *  since the API refuses to run them. For `Run on another version`. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef } from 'react';
import { listAgents } from '@/api/agents';
import type { AgentSummary } from '@/api/schemas';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { SafeText } from '@/components/safe-text';
import { Skeleton } from '@/components/ui/skeleton';
import { agentName, isInactive, runRefusal } from './agent-status';
import { agentKeys, agentQueries, type AgentListFilters } from './agents-queries';

/** Every version named like `name`, whatever its status (one page of 100). */
function versionsQuery(name: string | undefined) {
  const filters: AgentListFilters = {
    q: name,
    status: ['published', 'draft', 'archived'],
    limit: 100,
  };
  return queryOptions({
    queryKey: [...agentKeys.list(filters), 'page'],
    queryFn: ({ signal }) => listAgents(filters, signal),
    staleTime: 60_000,
  });
}

/** Versions of `agent`'s group (its name alone where the API gives no group), newest first. */
export function versionsOf(agent: AgentSummary, page: readonly AgentSummary[]): AgentSummary[] {
  const same = page.filter((other) =>
    agent.agent_group_id
      ? other.agent_group_id === agent.agent_group_id
      : other.name === agent.name,
  );
  const all = same.some((other) => other.id === agent.id) ? same : [agent, ...same];
  return all.sort((a, b) => (b.version_number ?? 0) - (a.version_number ?? 0));
}

export interface AgentVersionPickerProps {
  /** The version the original task ran on: its group's versions are offered. */
  originalAgentId: string;
  /** The version chosen now. */
  value: string | null;
  onChange: (agentId: string) => void;
}

export function AgentVersionPicker({ originalAgentId, value, onChange }: AgentVersionPickerProps) {
  const legendId = useId();
  const group = useRef<HTMLFieldSetElement>(null);
  const original = useQuery(agentQueries.detail(originalAgentId));
  const list = useQuery({ ...versionsQuery(original.data?.name), enabled: !!original.data });
  const versions = original.data && list.data ? versionsOf(original.data, list.data.data) : [];
  const ready = versions.length > 0;

  // Focus lands on the chosen version once the list is there, so arrows pick another at once.
  const focused = useRef(false);
  useEffect(() => {
    if (!ready || focused.current) return;
    focused.current = true;
    const radios = [...(group.current?.querySelectorAll<HTMLInputElement>('input') ?? [])];
    (radios.find((radio) => radio.checked) ?? radios.find((radio) => !radio.disabled))?.focus();
  }, [ready]);

  const error = original.error ?? list.error;
  return (
    <fieldset
      ref={group}
      aria-labelledby={legendId}
      className="space-y-2 rounded-lg border border-accent/40 bg-accent/5 p-4"
    >
      <legend id={legendId} className="px-1 text-sm font-semibold">
        Version
      </legend>
      <p className="text-sm text-muted">
        Run the same inputs on another version. When the new task finishes, its page links to a
        comparison with the original.
      </p>
      {error ? (
        <ApiErrorAlert
          title="The agent’s versions could not be loaded"
          error={error}
          onRetry={() => void (original.error ? original.refetch() : list.refetch())}
        />
      ) : !ready ? (
        <div aria-busy="true" className="space-y-1.5">
          <p className="sr-only">Loading the versions…</p>
          <Skeleton className="h-6 w-1/2" />
          <Skeleton className="h-6 w-1/3" />
        </div>
      ) : (
        <ul className="space-y-1">
          {versions.map((version) => {
            const refusal = runRefusal(version);
            return (
              <li key={version.id}>
                <label className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm">
                  <input
                    type="radio"
                    name={legendId}
                    className="size-4 accent-accent"
                    value={version.id}
                    checked={value === version.id}
                    disabled={refusal !== null}
                    onChange={() => onChange(version.id)}
                  />
                  <span className="font-medium tabular-nums">
                    {version.version_number !== undefined
                      ? `v${version.version_number}`
                      : 'Version'}
                  </span>
                  <span className="text-muted">
                    <SafeText text={agentName(version)} />
                  </span>
                  {version.id === originalAgentId ? (
                    <span className="text-xs text-muted">(the original’s version)</span>
                  ) : null}
                  {refusal ? (
                    <span className="basis-full pl-6 text-xs text-muted">
                      {isInactive(version) ? 'Inactive: runs are refused' : refusal}
                    </span>
                  ) : null}
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {ready && versions.filter((version) => runRefusal(version) === null).length < 2 ? (
        <p className="text-xs text-muted">
          This agent has no other version that can run: Run starts it again on the same one, which
          still shows how its answers vary.
        </p>
      ) : null}
    </fieldset>
  );
}
