import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentScript, SeedAgent } from './agents/types';
import { PICKUP_DELAY_MS } from './engine';
import type { PageJson, TaskListItemJson, TaskStateJson } from './present';
import { Harness, match, type ApiResponse } from './test-harness';

const oneStep: AgentScript = function* (input) {
  yield { kind: 'message', content: `Working on ${input.query ?? 'files'}`, durationMs: 1000 };
  yield { kind: 'complete', summary: 'All done.', durationMs: 1000 };
};

const seedAgents = (): SeedAgent[] =>
  ['Alpha Agent', 'Beta Agent'].map((name, i) => ({
    key: name.split(' ')[0]?.toLowerCase() ?? name,
    name,
    config: {},
    script: oneStep,
    versions: [
      {
        version_number: 1,
        status: 'published',
        is_active: true,
        system_prompt: '',
        created_minutes_ago: i + 1,
      },
    ],
  }));

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ seedAgents, concurrency: 50 });
});
afterEach(async () => {
  await h.close();
});

type TaskPage = PageJson<TaskListItemJson>;

async function walk(query: string, limit: number): Promise<TaskListItemJson[]> {
  const rows: TaskListItemJson[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res: ApiResponse<TaskPage> = await h.get<TaskPage>(
      `/tasks?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    rows.push(...res.body.data);
    cursor = res.body.next_cursor;
    if (!res.body.has_more) break;
  }
  return rows;
}

describe('GET /tasks', () => {
  it('lists newest first with status and agent_name, and walks pages without gaps', async () => {
    const alpha = await h.agentId('alpha');
    const beta = await h.agentId('beta');
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      created.push(await h.runJson(i % 2 === 0 ? alpha : beta, { query: `Job number ${i}` }));
      // Several tasks share one millisecond, so ties must be broken consistently.
      if (i % 3 === 2) h.advance(1);
    }
    h.advance(PICKUP_DELAY_MS);
    const first = await h.get<TaskPage>('/tasks');
    expect(first.body.data.map((t) => t.task_id)).toEqual([...created].reverse());
    expect(first.body.data[0]).toEqual({
      task_id: created[6],
      agent_id: alpha,
      agent_name: 'Alpha Agent',
      status: 'running',
      title: 'Job number 6',
      created_at: match.iso(),
      updated_at: match.iso(),
    });
    for (const limit of [1, 2, 3]) {
      expect((await walk('', limit)).map((t) => t.task_id)).toEqual([...created].reverse());
    }
  });

  it('keeps pages stable when a task is created mid-walk', async () => {
    const alpha = await h.agentId('alpha');
    for (let i = 0; i < 4; i++) await h.runJson(alpha, { query: `Job ${i}` });
    const first = await h.get<TaskPage>('/tasks?limit=2');
    const late = await h.runJson(alpha, { query: 'Created while paging' });
    const second = await h.get<TaskPage>(`/tasks?limit=100&cursor=${first.body.next_cursor ?? ''}`);
    const ids = [...first.body.data, ...second.body.data].map((t) => t.task_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(4);
    expect(ids).not.toContain(late);
  });

  it('filters by agent, status list, title text and inclusive creation bounds', async () => {
    const alpha = await h.agentId('alpha');
    const beta = await h.agentId('beta');
    const a1 = await h.runJson(alpha, { query: 'Reconcile March invoices' });
    h.advance(10_000);
    const b1 = await h.runJson(beta, { query: 'Draft the newsletter' });
    const bornB1 = (await h.get<TaskStateJson>(`/tasks/${b1}`)).body.created_at;
    h.advance(10_000);
    const a2 = await h.runJson(alpha, { query: 'reconcile april' });
    h.advance(PICKUP_DELAY_MS);
    await h.post(`/tasks/${a2}/cancel`);

    const ids = async (query: string) =>
      (await h.get<TaskPage>(`/tasks?${query}`)).body.data.map((t) => t.task_id);
    expect(await ids(`agent_id=${alpha}`)).toEqual([a2, a1]);
    expect(await ids(`agent_id=${alpha.toUpperCase()}`)).toEqual([a2, a1]);
    expect(await ids('status=stopped')).toEqual([a2]);
    expect(await ids('status=completed,stopped')).toEqual([a2, b1, a1]);
    expect(await ids('status=running,pending')).toEqual([]);
    expect(await ids('q=RECONCILE')).toEqual([a2, a1]);
    expect(await ids(`created_after=${bornB1}`)).toEqual([a2, b1]);
    expect(await ids(`created_before=${bornB1}`)).toEqual([b1, a1]);
    expect(await ids(`created_after=${bornB1}&created_before=${bornB1}`)).toEqual([b1]);
    expect(await ids('created_after=2999-01-01')).toEqual([]);
    expect(await ids(`agent_id=00000000-0000-4000-8000-000000000000`)).toEqual([]);
  });

  it.each([
    ['limit=0', /limit/],
    ['limit=500', /limit/],
    ['status=done', /status.*"done"/],
    ['status=', /status/],
    ['agent_id=alpha', /^Invalid agent_id format/],
    ['created_after=yesterday', /created_after/],
    ['created_before=2026-13-40T00:00:00Z', /created_before/],
    ['cursor=%%%', /cursor/],
  ])('answers 400 for %s', async (query, message) => {
    const res = await h.get(`/tasks?${query}`);
    expect(res.status).toBe(400);
    expect(res.error).toMatch(message);
  });
});

describe('task reads', () => {
  it('returns TaskState, summary and result at each stage', async () => {
    const id = await h.runJson(await h.agentId('alpha'), { query: 'Summarize the board minutes' });
    const pendingSummary = await h.get<Record<string, unknown>>(`/tasks/${id}/summary`);
    expect(pendingSummary.status).toBe(200);
    expect(pendingSummary.body).toMatchObject({ task_id: id, status: 'pending' });
    expect(pendingSummary.body).not.toHaveProperty('result');
    expect(pendingSummary.body).not.toHaveProperty('title');

    h.advance(PICKUP_DELAY_MS + 1000);
    const running = await h.get<Record<string, unknown>>(`/tasks/${id}/summary`);
    expect(running.body).toMatchObject({
      status: 'running',
      result: 'Working on Summarize the board minutes',
    });

    h.advance(1000);
    const done = await h.get<Record<string, unknown>>(`/tasks/${id}/summary`);
    expect(done.body).toEqual({
      task_id: id,
      agent_id: await h.agentId('alpha'),
      status: 'completed',
      title: 'Summarize the board minutes',
      created_at: match.string(),
      updated_at: match.string(),
      result: { summary: 'All done.', completed_at: match.iso() },
    });
    const result = await h.get<TaskStateJson & { feed: { type: string }[] }>(`/tasks/${id}/result`);
    expect(result.body).toMatchObject({ task_id: id, status: 'completed' });
    expect(result.body.feed.map((item) => item.type)).toEqual([
      'message',
      'message',
      'task_complete',
    ]);
  });

  it.each(['', '/summary', '/result', '/messages'])(
    'answers 404/400 for unknown or malformed ids on %s',
    async (suffix) => {
      const unknown = await h.get(`/tasks/00000000-0000-4000-8000-000000000000${suffix}`);
      expect(unknown.status).toBe(404);
      expect(unknown.error).toMatch(/No task/);
      const malformed = await h.get(`/tasks/123${suffix}`);
      expect(malformed.status).toBe(400);
      expect(malformed.error).toMatch(/^Invalid task_id format/);
    },
  );

  it('answers 404 for cancel and message on unknown tasks', async () => {
    expect((await h.post('/tasks/00000000-0000-4000-8000-000000000000/cancel')).status).toBe(404);
    expect(
      (await h.post('/tasks/00000000-0000-4000-8000-000000000000/message', { message: 'x' }))
        .status,
    ).toBe(404);
  });
});
