/** The filter bar above the task list: search, statuses with counts, agent and created range, all
 *  in the URL (`useTaskFilters`); on a phone, search and a `Filters (n)` button. The agents come in
 *  as a prop (features never import each other). */
import { useId, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { AgentFilter } from './agent-filter';
import { DateRangeFilter } from './date-range-filter';
import { SearchTasksField } from './search-tasks-field';
import { StatusFilter } from './status-filter';
import { useStatusCounts } from './task-counts';
import { resolveAgentFilter, type AgentName } from './task-filter-params';
import { useTaskFilters } from './use-task-filters';

const FIELD =
  'h-9 w-full rounded-md border border-border bg-surface px-2.5 text-sm text-text shadow-xs placeholder:text-muted focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent';

export interface TaskListFilterBarProps {
  /** Every agent version a person may filter by, e.g. from the agents feature's list. */
  agents: readonly AgentName[];
  className?: string | undefined;
}

export function TaskListFilterBar({ agents, className }: TaskListFilterBarProps) {
  const taskFilters = useTaskFilters();
  const { values } = taskFilters;
  // Clearing remounts the search box, so a half-typed search is dropped with the rest.
  const [searchGeneration, setSearchGeneration] = useState(0);
  const [expanded, setExpanded] = useState(false);
  const panelId = useId();
  const filters = useMemo(
    () => resolveAgentFilter(taskFilters.filters, agents),
    [taskFilters.filters, agents],
  );
  const counts = useStatusCounts(filters);
  const set = [values.statuses.length > 0, values.agentId !== '', values.from || values.to].filter(
    Boolean,
  ).length;

  return (
    <div className={cn('space-y-2', className)}>
      {/* One row from `sm` up (the panel's `contents` puts its controls in it); on a phone the
          search and `Filters (n)`, the rest below once asked for. */}
      <div className="flex flex-wrap items-center gap-2">
        <SearchTasksField
          key={searchGeneration}
          value={values.q}
          onCommit={taskFilters.setQuery}
          className="min-w-48 flex-1"
          inputClassName={FIELD}
        />
        <Button
          size="field"
          className="sm:hidden"
          aria-expanded={expanded}
          aria-controls={panelId}
          onClick={() => setExpanded((was) => !was)}
        >
          {set > 0 ? `Filters (${set})` : 'Filters'}
        </Button>
        <div
          id={panelId}
          className={cn('w-full gap-2 sm:contents', expanded ? 'grid grid-cols-1' : 'hidden')}
        >
          <StatusFilter
            value={values.statuses}
            onChange={taskFilters.setStatuses}
            counts={counts}
            className="sm:w-60"
          />
          <AgentFilter
            agents={agents}
            value={values.agentId}
            onChange={taskFilters.setAgentId}
            fieldClassName={FIELD}
            className="sm:w-72"
          />
          <DateRangeFilter
            from={values.from}
            to={values.to}
            onChange={(range) => taskFilters.setFilters(range)}
            className="sm:w-60"
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
