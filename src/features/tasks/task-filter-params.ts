/**
 * The task list's filters as the URL holds them, and back: `?status=running,failed&agent=<id>
 * &q=march&from=2026-05-01&to=2026-05-31`. The URL is the one place they live, so a reload, a
 * shared link and Back all show the same list; these pure functions are the whole mapping, kept
 * apart from React so every edge (bad dates, unknown statuses, empty values) is unit-tested.
 *
 * - Statuses outside the API's set are dropped (a hand-edited link must not make every read a
 *   400), and kept in the API's order, so `failed,running` and `running,failed` are one list.
 * - `from` / `to` are local calendar days. The API's bounds are inclusive instants, so `from`
 *   becomes the first millisecond of that local day and `to` the last one: "to 3 May" includes
 *   everything created on 3 May wherever the person sits.
 * - Commas stay literal in the URL (`status=running,failed`, not `%2C`): people read and share
 *   these links.
 */
import { TASK_STATUSES, type TaskStatus } from '@/api/schemas';
import { isTaskStatus, taskStatusMeta } from '@/entities/task/status';
import type { TaskListFilters } from './tasks-queries';

/** The filters as the controls show them; `''` means "not set". */
export interface TaskFilterValues {
  statuses: TaskStatus[];
  agentId: string;
  q: string;
  /** `YYYY-MM-DD`, local. */
  from: string;
  to: string;
}

export const EMPTY_FILTER_VALUES: TaskFilterValues = {
  statuses: [],
  agentId: '',
  q: '',
  from: '',
  to: '',
};

/** The URL parameter each value lives in. */
const PARAM = { statuses: 'status', agentId: 'agent', q: 'q', from: 'from', to: 'to' } as const;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local date a `YYYY-MM-DD` names, or undefined for anything else (`2026-02-30` too). */
function localDay(value: string): Date | undefined {
  const match = DAY.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = new Date(2000, 0, 1);
  // setFullYear, not the constructor: `new Date(99, …)` would mean 1999.
  date.setFullYear(year, month, day);
  return date.getFullYear() === year && date.getMonth() === month && date.getDate() === day
    ? date
    : undefined;
}

function validDay(value: string | null): string {
  const trimmed = value?.trim() ?? '';
  return localDay(trimmed) ? trimmed : '';
}

/** ISO instant of the first millisecond of a local day. */
export function startOfLocalDay(day: string): string | undefined {
  return localDay(day)?.toISOString();
}

/** ISO instant of the last millisecond of a local day. */
export function endOfLocalDay(day: string): string | undefined {
  const date = localDay(day);
  if (!date) return undefined;
  date.setHours(23, 59, 59, 999);
  return date.toISOString();
}

/** The local `YYYY-MM-DD` an instant falls on (the inverse of the two above). */
export function localDayOf(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function canonicalStatuses(values: readonly string[]): TaskStatus[] {
  const wanted = new Set(values.map((value) => value.trim()));
  return TASK_STATUSES.filter((status) => wanted.has(status));
}

export function readFilterValues(search: string | URLSearchParams): TaskFilterValues {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  return {
    statuses: canonicalStatuses(params.getAll(PARAM.statuses).flatMap((v) => v.split(','))),
    agentId: params.get(PARAM.agentId)?.trim() ?? '',
    q: params.get(PARAM.q)?.trim() ?? '',
    from: validDay(params.get(PARAM.from)),
    to: validDay(params.get(PARAM.to)),
  };
}

function serialize(params: URLSearchParams): string {
  const text = params.toString().replace(/%2C/gi, ',');
  return text ? `?${text}` : '';
}

/**
 * `search` with the filter parameters replaced by `patch` (the others, e.g. `tab`, kept), as
 * `?…` or `''`. Empty values remove their parameter, so a cleared filter leaves no `q=` behind.
 */
export function withFilterValues(
  search: string | URLSearchParams,
  patch: Partial<TaskFilterValues>,
): string {
  const params = new URLSearchParams(search);
  const next = { ...readFilterValues(params), ...patch };
  const text: Record<keyof TaskFilterValues, string> = {
    statuses: canonicalStatuses(next.statuses).join(','),
    agentId: next.agentId.trim(),
    q: next.q.trim(),
    from: validDay(next.from),
    to: validDay(next.to),
  };
  for (const key of Object.keys(PARAM) as (keyof TaskFilterValues)[]) {
    params.delete(PARAM[key]);
    if (text[key]) params.set(PARAM[key], text[key]);
  }
  return serialize(params);
}

/** Only the filter parameters of `search`, canonical (`?status=…` or `''`): equal for equal
 *  filters however the URL spelled them, so it can key a memo or carry the filters in a link. */
export function filterSearchOf(search: string | URLSearchParams): string {
  return withFilterValues('', readFilterValues(search));
}

export function hasFilterValues(values: TaskFilterValues): boolean {
  return (
    values.statuses.length > 0 ||
    values.agentId !== '' ||
    values.q !== '' ||
    values.from !== '' ||
    values.to !== ''
  );
}

/** What the list reads with: the API's parameters for these values. */
export function listFiltersOf(values: TaskFilterValues): TaskListFilters {
  return {
    statuses: values.statuses,
    agentId: values.agentId || undefined,
    q: values.q || undefined,
    createdAfter: startOfLocalDay(values.from),
    createdBefore: endOfLocalDay(values.to),
  };
}

export function hasListFilters(filters: TaskListFilters): boolean {
  return (
    filters.statuses.length > 0 ||
    Boolean(filters.agentId || filters.q || filters.createdAfter || filters.createdBefore)
  );
}

const dayFormatter = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dayFormatter.format(date);
}

export interface AgentName {
  id: string;
  name: string;
}

/**
 * The active filters in words, e.g. `Status: Failed · Agent: Invoice Extractor · Search:
 * “march”`, for the empty state ("No tasks match …"): a person who sees nothing must be told
 * what is hiding it. `''` when no filter is set.
 */
export function describeTaskFilters(
  filters: TaskListFilters,
  agents: readonly AgentName[] = [],
): string {
  const parts: string[] = [];
  const statuses = filters.statuses.filter(isTaskStatus);
  if (statuses.length > 0) {
    parts.push(`Status: ${statuses.map((status) => taskStatusMeta(status).label).join(' or ')}`);
  }
  if (filters.agentId) {
    const agent = agents.find((candidate) => candidate.id === filters.agentId);
    parts.push(`Agent: ${agent?.name || filters.agentId}`);
  }
  if (filters.q) parts.push(`Search: “${filters.q}”`);
  if (filters.createdAfter) parts.push(`From: ${formatDay(filters.createdAfter)}`);
  if (filters.createdBefore) parts.push(`To: ${formatDay(filters.createdBefore)}`);
  return parts.join(' · ');
}
