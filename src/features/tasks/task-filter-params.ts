/** The task list's filters as the URL holds them (`?status=running,failed&agent=…&q=…&from=…&to=…`)
 *  and back, as pure functions: unknown statuses dropped, statuses in the API's order, `from`/`to`
 *  as local calendar days, commas kept literal. */
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
    (filters.agentIds?.length ?? 0) > 0 ||
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

/** One agent version a filter can offer. Only `id` and `name` are required: the rest, where
 *  the agents list gives it, groups versions into agents and hides drafts and inactive ones. */
export interface AgentName {
  id: string;
  name: string;
  /** `agent_group_id`: shared by every version of one agent. */
  groupId?: string | undefined;
  version?: number | undefined;
  /** `draft`, `published`, `archived`, or a value this build does not know. */
  status?: string | undefined;
  /** `is_active`; missing means unknown (treated as active). */
  active?: boolean | undefined;
}

/** One agent with its versions, newest first, as the agent filter offers it. */
export interface AgentGroup {
  /** What choosing the agent puts in the URL: its group id (its own id when it has none). */
  id: string;
  name: string;
  versions: AgentName[];
  /** Every version the workspace lists, shown or not: the tasks of all of them are the agent's. */
  versionIds: string[];
}

/** Published and active: what a person runs today. Drafts, archived and inactive ones are not. */
export function isCurrentVersion(agent: AgentName): boolean {
  return (agent.status === undefined || agent.status === 'published') && agent.active !== false;
}

/**
 * The agents to offer, one per agent group, by name: without `showAll`, only agents with a
 * current version and only those versions; with it, every agent and every version.
 */
export function groupAgents(
  agents: readonly AgentName[],
  { showAll = false }: { showAll?: boolean } = {},
): AgentGroup[] {
  const groups = new Map<string, AgentName[]>();
  for (const agent of agents) {
    const key = agent.groupId || agent.id;
    groups.set(key, [...(groups.get(key) ?? []), agent]);
  }
  const result: AgentGroup[] = [];
  for (const [id, all] of groups) {
    const sorted = [...all].sort((a, b) => (b.version ?? 0) - (a.version ?? 0));
    const versions = showAll ? sorted : sorted.filter(isCurrentVersion);
    if (versions.length === 0) continue;
    const named = sorted.find(isCurrentVersion) ?? sorted[0];
    result.push({
      id,
      name: named?.name || id,
      versions,
      versionIds: sorted.map((agent) => agent.id),
    });
  }
  return result.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** `Invoice Extractor v2 · Draft`: a version as the filter names it. */
export function versionLabel(agent: AgentName): string {
  const version = agent.version === undefined ? '' : ` v${agent.version}`;
  const status = agent.status ? agent.status.charAt(0).toUpperCase() + agent.status.slice(1) : '';
  const state = [agent.active === false ? 'Inactive' : '', status === 'Published' ? '' : status]
    .filter(Boolean)
    .join(', ');
  return `${agent.name || agent.id}${version}${state ? ` · ${state}` : ''}`;
}

/**
 * The list's filters with the agent resolved: the URL's `agent` names either one version (read
 * with `agent_id`) or an agent group, whose versions are read together — by `agent_id` when it
 * has one version, else by narrowing the unfiltered list (`agentIds`). An id the agents list
 * does not know is passed on as a version id.
 */
export function resolveAgentFilter(
  filters: TaskListFilters,
  agents: readonly AgentName[],
): TaskListFilters {
  const wanted = filters.agentId;
  if (!wanted || agents.some((agent) => agent.id === wanted)) return filters;
  const versions = agents
    .filter((agent) => agent.groupId === wanted)
    .map((agent) => agent.id)
    .sort();
  if (versions.length === 0) return filters;
  if (versions.length === 1) return { ...filters, agentId: versions[0] };
  return { ...filters, agentId: undefined, agentIds: versions };
}

/** What the filter calls the agent an `agent` value names (a version, or a whole agent). */
export function agentFilterName(agentId: string, agents: readonly AgentName[]): string {
  const version = agents.find((agent) => agent.id === agentId);
  if (version) return version.groupId ? versionLabel(version) : version.name || agentId;
  const group = groupAgents(agents, { showAll: true }).find((g) => g.id === agentId);
  return group?.name ?? agentId;
}

export type DatePreset = 'today' | '7d' | '30d';

export const DATE_PRESETS: readonly { preset: DatePreset; label: string }[] = [
  { preset: 'today', label: 'Today' },
  { preset: '7d', label: 'Last 7 days' },
  { preset: '30d', label: 'Last 30 days' },
];

/** The local days a preset spans, ending today: `7d` is today and the six days before. */
export function presetRange(preset: DatePreset, now = new Date()): { from: string; to: string } {
  const days = { today: 1, '7d': 7, '30d': 30 }[preset];
  const start = new Date(now);
  start.setDate(start.getDate() - (days - 1));
  return { from: localDayOf(start.toISOString()), to: localDayOf(now.toISOString()) };
}

/** What the date control says: `Any time`, a preset's name, or the days (`3 May – 10 May 2026`). */
export function describeDateRange(from: string, to: string, now = new Date()): string {
  if (!from && !to) return 'Any time';
  const preset = DATE_PRESETS.find((entry) => {
    const range = presetRange(entry.preset, now);
    return range.from === from && range.to === to;
  });
  if (preset) return preset.label;
  const day = (value: string) => formatDay(startOfLocalDay(value) ?? value);
  if (from && to) return from === to ? day(from) : `${day(from)} – ${day(to)}`;
  return from ? `From ${day(from)}` : `Until ${day(to)}`;
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
    parts.push(`Agent: ${agentFilterName(filters.agentId, agents)}`);
  }
  if (filters.q) parts.push(`Search: “${filters.q}”`);
  if (filters.createdAfter) parts.push(`From: ${formatDay(filters.createdAfter)}`);
  if (filters.createdBefore) parts.push(`To: ${formatDay(filters.createdBefore)}`);
  return parts.join(' · ');
}
