/** The whole lifecycle of every seeded agent, over HTTP, on a manual clock: what a dashboard
 *  user sees when they run each of them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESUME_DELAY_MS } from './engine';
import type { FeedItem } from './model';
import type { TaskMessageJson, TaskStateJson } from './present';
import { Harness } from './test-harness';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
});
afterEach(async () => {
  await h.close();
});

interface Summary extends TaskStateJson {
  result?: { summary: string; completed_at: string; extracted_data?: unknown };
}

const feed = async (id: string) =>
  (await h.get<{ feed: FeedItem[] }>(`/tasks/${id}/result`)).body.feed;
const summary = async (id: string) => (await h.get<Summary>(`/tasks/${id}/summary`)).body;

const INVOICE = [
  'INVOICE',
  'Invoice number: INV-2026-0042',
  'Invoice date: 2026-03-01',
  'Vendor: Northwind Traders',
  'Customer: Contoso Ltd',
  '',
  'Widget A   2 x 100.00   200.00',
  'Widget B   1 x 359.06   359.06',
  '',
  'Subtotal: 559.06',
  'Total: 559.06',
  'Total: 605.00',
].join('\n');

describe('seeded agents', () => {
  it('Document Summarizer completes with a summary naming the uploaded file', async () => {
    const id = await h.runFiles(await h.agentId('summarizer'), {
      'q3-report.md': '# Q3 report\n\nRevenue grew 12% to EUR 1,250,000.\n\n## Costs\n\nFlat.',
    });
    expect(await h.advanceUntil(id, ['completed', 'failed'])).toBe('completed');
    const answer = await summary(id);
    expect(answer.title).toBe('q3-report.md');
    expect(answer.result?.summary).toContain('q3-report.md');
    expect(answer.result?.completed_at).toMatch(/Z$/);
    const items = await feed(id);
    expect(items.at(-1)?.type).toBe('task_complete');
    expect(items.some((item) => item.type === 'tool_call')).toBe(true);
  });

  it('Invoice Extractor asks about two totals, then completes with extracted_data', async () => {
    const id = await h.runFiles(
      await h.agentId('invoice'),
      { 'invoice.txt': INVOICE },
      {
        output_config: JSON.stringify({
          output_schema: '{"invoice_number": "string", "total": "number"}',
        }),
      },
    );
    expect(await h.advanceUntil(id, ['waiting_for_input', 'completed', 'failed'])).toBe(
      'waiting_for_input',
    );
    const messages = (await h.get<{ data: TaskMessageJson[] }>(`/tasks/${id}/messages`)).body.data;
    const question = messages.at(-1);
    expect(question?.role).toBe('assistant');
    expect(question?.user_id).toBeNull();
    expect(question?.content).toMatch(/559\.06/);
    expect(question?.content).toMatch(/605(\.00)?/);
    expect((await feed(id)).at(-1)?.type).toBe('ask_user');

    const reply = await h.post<{ status: string }>(`/tasks/${id}/message`, {
      message: 'The second one (605.00) is right.',
    });
    expect(reply.status).toBe(202);
    h.advance(RESUME_DELAY_MS);
    expect(await h.status(id)).not.toBe('waiting_for_input');
    expect(await h.advanceUntil(id, ['completed', 'failed', 'waiting_for_input'])).toBe(
      'completed',
    );
    const answer = await summary(id);
    expect(answer.result?.extracted_data).toEqual({ invoice_number: 'INV-2026-0042', total: 605 });
  });

  it.each([
    ['approve', /sent/i, true],
    ['reject', /not sent|nothing was sent|did not send/i, false],
  ] as const)(
    'Outreach Reviewer waits for review, %s → completed',
    async (decision, text, sent) => {
      const id = await h.runJson(await h.agentId('reviewer'), {
        query: 'Email jane.doe@example.com about the March renewal',
      });
      expect(await h.advanceUntil(id, ['awaiting_review', 'completed', 'failed'])).toBe(
        'awaiting_review',
      );
      const reviewItem = (await feed(id)).at(-1);
      expect(reviewItem).toMatchObject({ type: 'review', name: 'send_email' });
      const res = await h.post(`/__sim/tasks/${id}/review`, { decision, note: 'Looks fine' });
      expect(res.status).toBe(200);
      expect(await h.advanceUntil(id, ['completed', 'failed'])).toBe('completed');
      const items = await feed(id);
      expect(items.some((item) => item.type === 'tool_call' && item.name === 'send_email')).toBe(
        sent,
      );
      expect((await summary(id)).result?.summary).toMatch(text);
    },
  );

  it('Ledger Sync fails with an error item after a failing tool call', async () => {
    const id = await h.runJson(await h.agentId('failing'), { query: 'Sync ACME-001' });
    expect(await h.advanceUntil(id, ['completed', 'failed'])).toBe('failed');
    const items = await feed(id);
    const last = items.at(-1);
    expect(last).toMatchObject({ type: 'error', role: 'assistant', result: null });
    expect(String(last?.content)).toMatch(/\w+/);
    expect(items.filter((item) => item.type === 'tool_call').length).toBeGreaterThanOrEqual(2);
  });

  it('Trace Stress Test completes 10,000 steps and /result returns them quickly', async () => {
    const id = await h.runJson(await h.agentId('long-trace'), { query: 'Survey every source' });
    expect(
      await h.advanceUntil(id, ['completed', 'failed'], { stepMs: 5_000, maxMs: 600_000 }),
    ).toBe('completed');
    const started = performance.now();
    const items = await feed(id);
    const elapsed = performance.now() - started;
    expect(items.length).toBeGreaterThanOrEqual(10_000);
    expect(items.at(-1)?.type).toBe('task_complete');
    expect(elapsed).toBeLessThan(2_000);
  });

  it('Legacy Classifier is inactive: running it answers 403', async () => {
    const res = await h.post(`/agents/${await h.agentId('legacy')}/run`, {
      query: 'My card was charged twice',
    });
    expect(res.status).toBe(403);
    expect(res.error).toMatch(/inactive/);
  });
});
