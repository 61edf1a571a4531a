import { describe, expect, it } from 'vitest';
import { TASK_STATUSES } from '@/api/schemas';
import {
  TASK_STATUS_META,
  TERMINAL_STATUSES,
  isTaskStatus,
  isTerminalStatus,
  taskStatusMeta,
} from './task-status';

describe('task status metadata', () => {
  it('labels every API status exactly as the UI contract names it', () => {
    expect(TASK_STATUSES.map((status) => TASK_STATUS_META[status].label)).toEqual([
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

  it('treats exactly completed, failed and stopped as terminal', () => {
    expect(TERMINAL_STATUSES).toEqual(['completed', 'failed', 'stopped']);
    expect(isTerminalStatus('running')).toBe(false);
    expect(isTerminalStatus('stopped')).toBe(true);
  });

  it('marks the two statuses that wait for a person', () => {
    const needsPerson = TASK_STATUSES.filter((status) => TASK_STATUS_META[status].needsPerson);
    expect(needsPerson).toEqual(['waiting_for_input', 'awaiting_review']);
  });

  it('gives each status its own colour token and icon', () => {
    const colors = new Set(TASK_STATUSES.map((status) => TASK_STATUS_META[status].colorClass));
    const icons = new Set(TASK_STATUSES.map((status) => TASK_STATUS_META[status].icon));
    expect(colors.size).toBe(TASK_STATUSES.length);
    expect(icons.size).toBe(TASK_STATUSES.length);
    for (const status of TASK_STATUSES) {
      expect(TASK_STATUS_META[status].colorClass).toMatch(/^text-status-[a-z]+$/);
    }
  });

  it('falls back to a non-terminal "Unknown" for a missing or new status', () => {
    expect(taskStatusMeta(undefined).label).toBe('Unknown');
    expect(taskStatusMeta('paused_by_alien').label).toBe('Unknown');
    expect(isTerminalStatus(undefined)).toBe(false);
    expect(isTaskStatus('waiting_for_input')).toBe(true);
    expect(isTaskStatus('WAITING_FOR_INPUT')).toBe(false);
  });
});
