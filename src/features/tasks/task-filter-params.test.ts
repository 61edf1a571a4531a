import { describe, expect, it } from 'vitest';
import {
  agentFilterName,
  describeDateRange,
  describeTaskFilters,
  groupAgents,
  presetRange,
  resolveAgentFilter,
  versionLabel,
  EMPTY_FILTER_VALUES,
  endOfLocalDay,
  filterSearchOf,
  hasFilterValues,
  hasListFilters,
  listFiltersOf,
  localDayOf,
  readFilterValues,
  startOfLocalDay,
  withFilterValues,
} from './task-filter-params';

// Local-day bounds are asserted against `new Date(y, m, d, …)` so the tests hold in any zone.
const localIso = (...parts: [number, number, number, number?, number?, number?, number?]) =>
  new Date(...parts).toISOString();

describe('readFilterValues', () => {
  it('reads every filter from the URL', () => {
    expect(
      readFilterValues('?status=running,failed&agent=a-1&q=march&from=2026-05-01&to=2026-05-31'),
    ).toEqual({
      statuses: ['running', 'failed'],
      agentId: 'a-1',
      q: 'march',
      from: '2026-05-01',
      to: '2026-05-31',
    });
  });

  it('gives empty values for an empty URL', () => {
    expect(readFilterValues('')).toEqual(EMPTY_FILTER_VALUES);
  });

  it('drops unknown statuses and keeps the API order, once each', () => {
    expect(readFilterValues('status=failed,bogus,running,,failed').statuses).toEqual([
      'running',
      'failed',
    ]);
    expect(readFilterValues('status=failed&status=queued').statuses).toEqual(['queued', 'failed']);
  });

  it('reads an encoded comma like a literal one', () => {
    expect(readFilterValues('status=running%2Cfailed').statuses).toEqual(['running', 'failed']);
  });

  it('ignores dates that name no day', () => {
    const values = readFilterValues('from=2026-02-30&to=tomorrow');
    expect(values.from).toBe('');
    expect(values.to).toBe('');
  });

  it('trims the search text and the agent id', () => {
    const values = readFilterValues('q=%20march%20&agent=%20a-1%20');
    expect(values.q).toBe('march');
    expect(values.agentId).toBe('a-1');
  });
});

describe('withFilterValues', () => {
  it('writes the filters with literal commas and keeps other parameters', () => {
    expect(withFilterValues('?tab=trace', { statuses: ['failed', 'running'], q: 'march' })).toBe(
      '?tab=trace&status=running,failed&q=march',
    );
  });

  it('removes a cleared filter instead of leaving it empty', () => {
    expect(withFilterValues('?status=failed&q=march', { q: '  ' })).toBe('?status=failed');
    expect(withFilterValues('?q=march', { q: '' })).toBe('');
  });

  it('round-trips through readFilterValues', () => {
    const values = {
      statuses: ['waiting_for_input' as const, 'completed' as const],
      agentId: 'agent 7',
      q: 'März & co, 50%',
      from: '2026-01-02',
      to: '2026-12-31',
    };
    expect(readFilterValues(withFilterValues('', values))).toEqual(values);
  });
});

describe('filterSearchOf', () => {
  it('is the same for equal filters however the URL spells them', () => {
    expect(filterSearchOf('?tab=summary&q=march&status=failed,running')).toBe(
      filterSearchOf('?status=running%2Cfailed&q=march'),
    );
    expect(filterSearchOf('?tab=summary')).toBe('');
  });
});

describe('local days', () => {
  it('turns from/to into the inclusive bounds of those local days', () => {
    expect(startOfLocalDay('2026-05-01')).toBe(localIso(2026, 4, 1));
    expect(endOfLocalDay('2026-05-31')).toBe(localIso(2026, 4, 31, 23, 59, 59, 999));
  });

  it('maps an instant back to its local day', () => {
    expect(localDayOf(localIso(2026, 4, 1))).toBe('2026-05-01');
    expect(localDayOf(localIso(2026, 4, 31, 23, 59, 59, 999))).toBe('2026-05-31');
    expect(localDayOf('nonsense')).toBe('');
  });

  it('refuses impossible days', () => {
    expect(startOfLocalDay('2026-13-01')).toBeUndefined();
    expect(endOfLocalDay('2025-02-29')).toBeUndefined();
    expect(startOfLocalDay('2024-02-29')).toBe(localIso(2024, 1, 29));
  });
});

describe('listFiltersOf', () => {
  it('maps the URL values to the API parameters', () => {
    expect(
      listFiltersOf(readFilterValues('status=failed&agent=a-1&q=march&from=2026-05-01')),
    ).toEqual({
      statuses: ['failed'],
      agentId: 'a-1',
      q: 'march',
      createdAfter: localIso(2026, 4, 1),
      createdBefore: undefined,
    });
  });

  it('leaves every parameter out when nothing is set', () => {
    const filters = listFiltersOf(EMPTY_FILTER_VALUES);
    expect(filters).toEqual({
      statuses: [],
      agentId: undefined,
      q: undefined,
      createdAfter: undefined,
      createdBefore: undefined,
    });
    expect(hasListFilters(filters)).toBe(false);
    expect(hasFilterValues(EMPTY_FILTER_VALUES)).toBe(false);
  });
});

describe('describeTaskFilters', () => {
  it('names each active filter, with the agent by name', () => {
    const filters = listFiltersOf(readFilterValues('status=failed&agent=a-1&q=march'));
    expect(describeTaskFilters(filters, [{ id: 'a-1', name: 'Invoice Extractor' }])).toBe(
      'Status: Failed · Agent: Invoice Extractor · Search: “march”',
    );
  });

  it('falls back to the agent id and names the dates', () => {
    const filters = listFiltersOf(
      readFilterValues('status=running,waiting_for_input&agent=a-9&from=2026-05-01&to=2026-05-03'),
    );
    expect(describeTaskFilters(filters)).toBe(
      'Status: Running or Waiting for input · Agent: a-9 · From: 1 May 2026 · To: 3 May 2026',
    );
  });

  it('is empty without filters', () => {
    expect(describeTaskFilters(listFiltersOf(EMPTY_FILTER_VALUES))).toBe('');
  });
});

describe('agent groups', () => {
  const AGENTS = [
    { id: 's1', name: 'Document Summarizer', groupId: 'g-s', version: 1, status: 'archived' },
    { id: 's2', name: 'Document Summarizer', groupId: 'g-s', version: 2, status: 'published' },
    { id: 's3', name: 'Document Summarizer', groupId: 'g-s', version: 3, status: 'draft' },
    { id: 'i1', name: 'Invoice Extractor', groupId: 'g-i', version: 1, status: 'published' },
    {
      id: 'l1',
      name: 'Legacy Classifier',
      groupId: 'g-l',
      version: 1,
      status: 'published',
      active: false,
    },
    { id: 'plain', name: 'An agent without a group' },
  ];

  it('offers one entry per agent, current versions only, by name', () => {
    const groups = groupAgents(AGENTS);
    expect(groups.map((g) => [g.id, g.name, g.versions.map((v) => v.id)])).toEqual([
      ['plain', 'An agent without a group', ['plain']],
      ['g-s', 'Document Summarizer', ['s2']],
      ['g-i', 'Invoice Extractor', ['i1']],
    ]);
    // Choosing the agent reads the tasks of every version it ever had.
    expect(groups[1]?.versionIds).toEqual(['s3', 's2', 's1']);
  });

  it('shows drafts, archived and inactive ones only when asked, newest version first', () => {
    const groups = groupAgents(AGENTS, { showAll: true });
    expect(groups.map((g) => g.name)).toEqual([
      'An agent without a group',
      'Document Summarizer',
      'Invoice Extractor',
      'Legacy Classifier',
    ]);
    expect(groups[1]?.versions.map(versionLabel)).toEqual([
      'Document Summarizer v3 · Draft',
      'Document Summarizer v2',
      'Document Summarizer v1 · Archived',
    ]);
    expect(versionLabel(AGENTS[4]!)).toBe('Legacy Classifier v1 · Inactive');
  });

  it('reads a whole agent by its versions, one version by its id', () => {
    const base = listFiltersOf({ ...EMPTY_FILTER_VALUES, agentId: 'g-s' });
    expect(resolveAgentFilter(base, AGENTS)).toMatchObject({
      agentId: undefined,
      agentIds: ['s1', 's2', 's3'],
    });
    const single = listFiltersOf({ ...EMPTY_FILTER_VALUES, agentId: 'g-i' });
    expect(resolveAgentFilter(single, AGENTS)).toMatchObject({ agentId: 'i1' });
    const version = listFiltersOf({ ...EMPTY_FILTER_VALUES, agentId: 's3' });
    expect(resolveAgentFilter(version, AGENTS)).toBe(version);
    // Not known (yet): passed on as it is.
    const unknown = listFiltersOf({ ...EMPTY_FILTER_VALUES, agentId: 'who' });
    expect(resolveAgentFilter(unknown, AGENTS)).toBe(unknown);
  });

  it('names the agent the filter hides tasks by', () => {
    expect(agentFilterName('g-s', AGENTS)).toBe('Document Summarizer');
    expect(agentFilterName('s3', AGENTS)).toBe('Document Summarizer v3 · Draft');
    expect(agentFilterName('who', AGENTS)).toBe('who');
  });
});

describe('date ranges', () => {
  const now = new Date(2026, 4, 11, 15, 30);

  it('spans presets over local days ending today', () => {
    expect(presetRange('today', now)).toEqual({ from: '2026-05-11', to: '2026-05-11' });
    expect(presetRange('7d', now)).toEqual({ from: '2026-05-05', to: '2026-05-11' });
    expect(presetRange('30d', now)).toEqual({ from: '2026-04-12', to: '2026-05-11' });
  });

  it('says the range in words: any time, a preset, or its days', () => {
    expect(describeDateRange('', '', now)).toBe('Any time');
    expect(describeDateRange('2026-05-05', '2026-05-11', now)).toBe('Last 7 days');
    expect(describeDateRange('2026-05-01', '2026-05-03', now)).toBe('1 May 2026 – 3 May 2026');
    expect(describeDateRange('2026-05-01', '', now)).toBe('From 1 May 2026');
    expect(describeDateRange('', '2026-05-03', now)).toBe('Until 3 May 2026');
  });
});
