import { describe, expect, it } from 'vitest';
import {
  AgentPage,
  BackendInfo,
  FeedItem,
  Summary,
  TaskListItem,
  TaskState,
  normalizeSummary,
} from './schemas';

const task = {
  task_id: 't1',
  agent_id: 'a1',
  status: 'completed',
  created_at: '2026-05-11T10:15:00Z',
  updated_at: '2026-05-11T10:16:02Z',
};

describe('lenient where undocumented, strict where the UI relies on it', () => {
  it('keeps unknown fields on an agent page', () => {
    const page = AgentPage.parse({
      data: [
        {
          id: 'a1',
          agent_group_id: 'g1',
          version_number: 2,
          status: 'published',
          name: 'Document Summarizer',
          is_active: true,
          created_at: '2026-05-11T10:00:00Z',
          updated_at: '2026-05-11T10:00:00Z',
          brand_new_field: 1,
        },
      ],
      has_more: false,
      next_cursor: null,
    });
    expect(page.data[0]).toMatchObject({ name: 'Document Summarizer', brand_new_field: 1 });
  });

  it('refuses a task status the UI cannot label', () => {
    expect(TaskState.safeParse({ ...task, status: 'exploded' }).success).toBe(false);
  });

  it('accepts a task list item without status (the doc example omits it)', () => {
    const { status: _status, ...withoutStatus } = task;
    const item = TaskListItem.parse({ ...withoutStatus, agent_name: 'Invoice Extractor' });
    expect(item.status).toBeUndefined();
    expect(item.agent_name).toBe('Invoice Extractor');
  });

  it('accepts feed items of types it has never seen', () => {
    expect(FeedItem.parse({ type: 'telepathy', payload: { x: 1 } })).toMatchObject({
      type: 'telepathy',
    });
  });

  it('reads both backend modes', () => {
    expect(BackendInfo.parse({ mode: 'simulator', label: 'Simulator' }).label).toBe('Simulator');
    const upstream = BackendInfo.parse({
      mode: 'upstream',
      label: 'agents.nanonets.com',
      baseUrl: 'https://agents.nanonets.com',
    });
    expect(upstream.mode === 'upstream' && upstream.baseUrl).toBe('https://agents.nanonets.com');
    expect(BackendInfo.safeParse({ mode: 'mystery', label: 'x' }).success).toBe(false);
  });
});

describe('summary normalisation', () => {
  it('reads the simulator layout: result.{summary, extracted_data}', () => {
    const summary = Summary.parse({
      ...task,
      result: {
        summary: 'The invoice totals 142.89 EUR.',
        completed_at: '2026-05-11T10:16:02Z',
        extracted_data: { total: 142.89 },
      },
    });
    expect(summary.answer).toBe('The invoice totals 142.89 EUR.');
    expect(summary.extractedData).toEqual({ total: 142.89 });
    expect(summary.task_id).toBe('t1');
  });

  it('reads top-level summary and extracted_data', () => {
    expect(
      normalizeSummary({ ...task, summary: 'Done.', extracted_data: [{ sku: 'A-1' }] }),
    ).toEqual({ answer: 'Done.', answerRaw: 'Done.', extractedData: [{ sku: 'A-1' }] });
  });

  it('reads a plain string result (the last non-transient feed item)', () => {
    expect(normalizeSummary({ ...task, result: 'Still reading page 2…' }).answer).toBe(
      'Still reading page 2…',
    );
  });

  it('reads the whole task_complete result (structuredContent, then content blocks)', () => {
    const structured = normalizeSummary({
      result: {
        content: [{ type: 'text', text: 'ignored' }],
        structuredContent: { summary: 'From structured', extracted_data: { a: 1 } },
      },
    });
    expect(structured.answer).toBe('From structured');
    expect(structured.extractedData).toEqual({ a: 1 });

    const blocks = normalizeSummary({
      result: {
        content: [
          { type: 'text', text: 'Part 1' },
          { type: 'image' },
          { type: 'text', text: 'Part 2' },
        ],
      },
    });
    expect(blocks.answer).toBe('Part 1\n\nPart 2');
  });

  it('leaves the answer empty while there is no output yet', () => {
    expect(Summary.parse({ ...task, status: 'pending' })).toMatchObject({
      answer: undefined,
      extractedData: undefined,
    });
  });
});
