/**
 * The task list's filters, read from and written to the URL (`task-filter-params.ts` has the
 * mapping), so a reload or a shared link shows the same list.
 *
 * - `filters` is part of the list's query keys, so it is memoized on the canonical filter part
 *   of the URL: equal URLs give the same object, and a change elsewhere in the URL (the task
 *   view's `?tab=`) gives no new one.
 * - Every change replaces the history entry: Back leaves the list instead of undoing keystrokes.
 * - The URL is written with `useLocation`'s navigate rather than `useSearchParams`' setter (which
 *   does the same, `location + ?search`), because that setter re-encodes the commas of
 *   `status=running,failed` as `%2C`.
 */
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
