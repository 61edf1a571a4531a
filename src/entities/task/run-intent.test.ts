import { describe, expect, it } from 'vitest';
import type { TaskListItem } from '@/api/schemas';
import { findTaskFromIntent, titleMatches, type RunIntent } from './run-intent';

const AGENT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const since = Date.parse('2026-05-11T10:15:00Z');

function task(overrides: Partial<TaskListItem>): TaskListItem {
  return {
    task_id: crypto.randomUUID(),
    agent_id: AGENT,
    status: 'running',
    created_at: '2026-05-11T10:15:02Z',
    ...overrides,
  };
}

const intent: RunIntent = {
  agentId: AGENT,
  query: 'Extract the line items   from the March invoices, please',
  fileNames: [],
  since,
};

describe('titleMatches', () => {
  it('matches the query itself, whitespace collapsed and case-insensitive', () => {
    expect(titleMatches('extract the line items from the March invoices, please', intent)).toBe(
      true,
    );
  });

  it('matches a title truncated with an ellipsis', () => {
    expect(titleMatches('Extract the line items from…', intent)).toBe(true);
    expect(titleMatches('Extract the line items from...', intent)).toBe(true);
  });

  it('does not match a different query or a too-short prefix', () => {
    expect(titleMatches('Summarize the memo', intent)).toBe(false);
    expect(titleMatches('Extract…', intent)).toBe(false);
  });

  it('matches files-only runs by file name', () => {
    const filesOnly = { ...intent, query: '', fileNames: ['march.pdf', 'april.pdf'] };
    expect(titleMatches('march.pdf, april.pdf', filesOnly)).toBe(true);
    expect(titleMatches('other.pdf', filesOnly)).toBe(false);
  });
});

describe('findTaskFromIntent', () => {
  it('finds the task an earlier attempt created', () => {
    const mine = task({ title: 'Extract the line items from the March invoices, please' });
    const found = findTaskFromIntent([task({ title: 'Other work' }), mine], intent);
    expect(found?.task_id).toBe(mine.task_id);
  });

  it('ignores tasks of other agents and tasks from before the attempt', () => {
    const title = 'Extract the line items from the March invoices, please';
    expect(
      findTaskFromIntent(
        [task({ agent_id: OTHER, title }), task({ title, created_at: '2026-05-11T09:00:00Z' })],
        intent,
      ),
    ).toBeNull();
  });

  it('tolerates a server clock a little behind ours', () => {
    const title = 'Extract the line items from the March invoices, please';
    expect(
      findTaskFromIntent([task({ title, created_at: '2026-05-11T10:14:00Z' })], intent),
    ).not.toBeNull();
  });

  it('adopts an untitled task only when it is the only new task of that agent', () => {
    const untitled = task({});
    expect(findTaskFromIntent([untitled], intent)?.task_id).toBe(untitled.task_id);
    expect(findTaskFromIntent([untitled, task({ title: 'Something else' })], intent)).toBeNull();
  });
});
