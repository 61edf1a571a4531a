/**
 * The filter bar above the task list: statuses, agent, title search and created-date range, all
 * kept in the URL (`useTaskFilters`), so what a person narrowed the list to survives a reload and
 * travels with a shared link. The agents come in as a prop: the page composes them from the
 * agents feature, because features never import each other. An `<option>` cannot isolate text, so
 * hidden characters in agent names are spelled out.
 */
import { useId, useState } from 'react';
import { TASK_STATUSES } from '@/api/schemas';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { visibleText } from '@/lib/reveal-invisibles';
import { SearchTasksField } from './search-tasks-field';
import { StatusBadge } from './status-badge';
import type { AgentName } from './task-filter-params';
import { useTaskFilters } from './use-task-filters';

const FIELD =
  'h-9 w-full rounded-md border border-border bg-surface px-2.5 text-sm text-text shadow-xs placeholder:text-muted focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent';
const LABEL = 'block text-xs font-medium text-muted';

export interface TaskListFilterBarProps {
  /** Every agent a person may filter by, e.g. from the agents feature's list. */
  agents: readonly AgentName[];
  className?: string | undefined;
}

export function TaskListFilterBar({ agents, className }: TaskListFilterBarProps) {
  const taskFilters = useTaskFilters();
  const { values } = taskFilters;
  // Clearing remounts the search box, so a half-typed search is dropped with the rest.
  const [searchGeneration, setSearchGeneration] = useState(0);
  const ids = { agent: useId(), from: useId(), to: useId() };
  const unknownAgent = values.agentId !== '' && !agents.some((a) => a.id === values.agentId);

  return (
    <div className={cn('space-y-3', className)}>
      <fieldset className="min-w-0">
        <legend className={cn(LABEL, 'mb-1.5')}>Status</legend>
        <div className="flex flex-wrap gap-1.5">
          {TASK_STATUSES.map((status) => (
            <label
              key={status}
              className="inline-flex cursor-pointer items-center gap-1.5 rounded-full border border-border bg-surface py-0.5 pr-0.5 pl-2 has-checked:border-accent has-checked:ring-1 has-checked:ring-accent has-focus-visible:outline-2 has-focus-visible:outline-accent"
            >
              <input
                type="checkbox"
                className="size-3.5 accent-accent"
                checked={values.statuses.includes(status)}
                onChange={(event) =>
                  taskFilters.setStatuses(
                    event.target.checked
                      ? [...values.statuses, status]
                      : values.statuses.filter((s) => s !== status),
                  )
                }
              />
              <StatusBadge status={status} className="border-transparent" />
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,1.5fr)_auto_auto]">
        <SearchTasksField
          key={searchGeneration}
          value={values.q}
          onCommit={taskFilters.setQuery}
          inputClassName={FIELD}
        />
        <div className="space-y-1">
          <label htmlFor={ids.agent} className={LABEL}>
            Agent
          </label>
          <select
            id={ids.agent}
            aria-label="Filter by agent"
            className={FIELD}
            value={values.agentId}
            onChange={(event) => taskFilters.setAgentId(event.target.value)}
          >
            <option value="">All agents</option>
            {unknownAgent ? (
              <option value={values.agentId}>{visibleText(values.agentId)}</option>
            ) : null}
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {visibleText(agent.name || agent.id)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={ids.from} className={LABEL}>
            From
          </label>
          <input
            id={ids.from}
            type="date"
            className={FIELD}
            value={values.from}
            max={values.to || undefined}
            onChange={(event) => taskFilters.setFrom(event.target.value)}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={ids.to} className={LABEL}>
            To
          </label>
          <input
            id={ids.to}
            type="date"
            className={FIELD}
            value={values.to}
            min={values.from || undefined}
            onChange={(event) => taskFilters.setTo(event.target.value)}
          />
        </div>
      </div>

      {taskFilters.active ? (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            taskFilters.clearAll();
            setSearchGeneration((n) => n + 1);
          }}
        >
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
