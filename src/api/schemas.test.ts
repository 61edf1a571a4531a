import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  Agent,
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
    const page = v.parse(AgentPage, {
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
    expect(v.safeParse(TaskState, { ...task, status: 'exploded' }).success).toBe(false);
  });

  it('accepts a task list item without status (the doc example omits it)', () => {
    const { status: _status, ...withoutStatus } = task;
    const item = v.parse(TaskListItem, { ...withoutStatus, agent_name: 'Invoice Extractor' });
    expect(item.status).toBeUndefined();
    expect(item.agent_name).toBe('Invoice Extractor');
  });

  it('rejects a list item whose status is present but unknown (optional is not anything)', () => {
    expect(v.safeParse(TaskListItem, { ...task, status: 'exploded' }).success).toBe(false);
  });

  it('requires config on a full agent and keeps the summary fields and unknown ones', () => {
    const summary = {
      id: 'a1',
      version_number: 1,
      status: 'draft',
      name: 'Draft agent',
      is_active: true,
      brand_new_field: 'x',
    };
    expect(v.safeParse(Agent, summary).success).toBe(false);
    expect(v.parse(Agent, { ...summary, config: { model: 'm' } })).toEqual({
      ...summary,
      config: { model: 'm' },
    });
  });

  it('accepts feed items of types it has never seen', () => {
    expect(v.parse(FeedItem, { type: 'telepathy', payload: { x: 1 } })).toMatchObject({
      type: 'telepathy',
    });
  });

  it('reads both backend modes', () => {
    expect(v.parse(BackendInfo, { mode: 'simulator', label: 'Simulator' }).label).toBe('Simulator');
    const upstream = v.parse(BackendInfo, {
      mode: 'upstream',
      label: 'agents.nanonets.com',
      baseUrl: 'https://agents.nanonets.com',
    });
    expect(upstream.mode === 'upstream' && upstream.baseUrl).toBe('https://agents.nanonets.com');
    expect(v.safeParse(BackendInfo, { mode: 'mystery', label: 'x' }).success).toBe(false);
  });
});

describe('summary normalisation', () => {
  it('reads the simulator layout: result.{summary, extracted_data}', () => {
    const summary = v.parse(Summary, {
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

  it('keeps fields it does not know through the normalisation', () => {
    expect(v.parse(Summary, { ...task, usage: { tokens: 12 } })).toMatchObject({
      usage: { tokens: 12 },
      status: 'completed',
    });
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
    expect(v.parse(Summary, { ...task, status: 'pending' })).toMatchObject({
      answer: undefined,
      extractedData: undefined,
    });
  });
});
