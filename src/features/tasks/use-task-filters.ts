/** The task list's filters, read from and written to the URL (`task-filter-params.ts`): memoized on
 *  the canonical filter part of the URL, each change replacing the history entry, written through
 *  `useLocation` so commas stay literal. */
import { useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import {
  filterSearchOf,
  hasFilterValues,
  listFiltersOf,
  readFilterValues,
  withFilterValues,
  type TaskFilterValues,
} from './task-filter-params';
import type { TaskListFilters } from './tasks-queries';

export interface TaskFiltersState {
  /** For `useTaskList` / `<TaskList filters>`: stable while the filters in the URL are. */
  filters: TaskListFilters;
  /** What the controls show. */
  values: TaskFilterValues;
  /** The filter parameters alone (`?status=…`, or `''`), for links that keep the list as is. */
  search: string;
  /** Any filter is set. */
  active: boolean;
  setStatuses: (statuses: TaskFilterValues['statuses']) => void;
  setAgentId: (agentId: string) => void;
  setQuery: (q: string) => void;
  setFrom: (day: string) => void;
  setTo: (day: string) => void;
  /** Several at once (separate setters in one event would each start from the same URL). */
  setFilters: (patch: Partial<TaskFilterValues>) => void;
  clearAll: () => void;
}

export function useTaskFilters(): TaskFiltersState {
  const [location, navigate] = useLocation();
  const rawSearch = useSearch();
  const search = filterSearchOf(rawSearch);

  const values = useMemo(() => readFilterValues(search), [search]);
  const filters = useMemo(() => listFiltersOf(values), [values]);

  const setFilters = (patch: Partial<TaskFilterValues>) => {
    navigate(location + withFilterValues(rawSearch, patch), { replace: true });
  };

  return {
    filters,
    values,
    search,
    active: hasFilterValues(values),
    setStatuses: (statuses) => setFilters({ statuses }),
    setAgentId: (agentId) => setFilters({ agentId }),
    setQuery: (q) => setFilters({ q }),
    setFrom: (from) => setFilters({ from }),
    setTo: (to) => setFilters({ to }),
    setFilters,
    clearAll: () => setFilters({ statuses: [], agentId: '', q: '', from: '', to: '' }),
  };
}
