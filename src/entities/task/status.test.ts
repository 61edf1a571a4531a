import { describe, expect, it } from 'vitest';
import { TASK_STATUSES } from '@/api/schemas';
import {
  isTerminal,
  TASK_STATUS_META,
  UNKNOWN_STATUS_META,
  isTaskStatus,
  needsPerson,
  taskStatusMeta,
} from './status';

describe('task status metadata', () => {
  it('labels every API status exactly as the UI contract names it', () => {
    expect(TASK_STATUSES.map((status) => taskStatusMeta(status).label)).toEqual([
      'Pending',
      'Queued',
      'Running',
      'Waiting for input',
      'Awaiting review',
      'Completed',
      'Failed',
      'Stopped',
    ]);
  });

  it('treats exactly completed, failed and stopped as terminal, as the polling policy does', () => {
    const terminal = TASK_STATUSES.filter((status) => TASK_STATUS_META[status].terminal);
    expect(terminal).toEqual(['completed', 'failed', 'stopped']);
    for (const status of [...TASK_STATUSES, 'hibernating', undefined]) {
      expect(taskStatusMeta(status).terminal).toBe(isTerminal(status));
    }
  });

  it('marks the two statuses that wait for a person', () => {
    expect(TASK_STATUSES.filter((status) => needsPerson(status))).toEqual([
      'waiting_for_input',
      'awaiting_review',
    ]);
    expect(needsPerson(undefined)).toBe(false);
    expect(needsPerson('waiting_for_approval')).toBe(false);
  });

  it('gives each status its own colour token and icon, none shared with "unknown"', () => {
    const metas = [...TASK_STATUSES.map((status) => TASK_STATUS_META[status]), UNKNOWN_STATUS_META];
    expect(new Set(metas.map((meta) => meta.colorClass)).size).toBe(metas.length);
    expect(new Set(metas.map((meta) => meta.icon)).size).toBe(metas.length);
    for (const status of TASK_STATUSES) {
      expect(TASK_STATUS_META[status].colorClass).toMatch(/^text-status-[a-z]+$/);
    }
  });

  it('spins only the running icon', () => {
    expect(TASK_STATUSES.filter((status) => TASK_STATUS_META[status].spins)).toEqual(['running']);
  });

  it('recognises only the exact API spelling', () => {
    expect(isTaskStatus('waiting_for_input')).toBe(true);
    expect(isTaskStatus('WAITING_FOR_INPUT')).toBe(false);
    expect(isTaskStatus(' running')).toBe(false);
    expect(isTaskStatus(undefined)).toBe(false);
    expect(isTaskStatus(3)).toBe(false);
  });
});

describe('a status this build does not know', () => {
  it('names the value the server sent', () => {
    const meta = taskStatusMeta('hibernating');
    expect(meta.label).toBe('Unknown (hibernating)');
    expect(meta.terminal).toBe(false);
    expect(meta.needsPerson).toBe(false);
    expect(meta.icon).toBe('help-circle');
    expect(meta.colorClass).toBe('text-muted');
  });

  it('says "No status", not "Unknown", when the API sent none', () => {
    expect(taskStatusMeta(undefined).label).toBe('No status');
    expect(taskStatusMeta(null).label).toBe('No status');
    expect(taskStatusMeta('').label).toBe('No status');
    expect(taskStatusMeta('   ').label).toBe('No status');
    expect(taskStatusMeta(undefined).terminal).toBe(false);
  });

  it('cuts a runaway value so one row cannot break the layout', () => {
    const label = taskStatusMeta('x'.repeat(500)).label;
    expect(label).toBe(`Unknown (${'x'.repeat(39)}…)`);
  });

  it('does not change the shared fallback', () => {
    taskStatusMeta('hibernating');
    expect(UNKNOWN_STATUS_META.label).toBe('Unknown');
  });
});
