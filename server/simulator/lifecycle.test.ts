/** The engine's lifecycle rules over HTTP, with purpose-built scripts whose timing is known
 *  exactly (the seeded agents are covered in seeded-agents.test.ts). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentScript, SeedAgent } from './agents/types';
import { PICKUP_DELAY_MS, RESUME_DELAY_MS } from './engine';
import type { FeedItem } from './model';
import type { TaskMessageJson, TaskStateJson } from './present';
import { Harness, match } from './test-harness';

const slow: AgentScript = function* () {
  yield { kind: 'message', content: 'step one', durationMs: 1000 };
  yield {
    kind: 'tool_call',
    name: 'lookup',
    arguments: { q: 'x' },
    output: { hits: 1 },
    durationMs: 1000,
  };
  yield { kind: 'complete', summary: 'slow done', durationMs: 1000 };
};

const asker: AgentScript = function* () {
  yield { kind: 'message', content: 'thinking', durationMs: 100 };
  const resume = yield { kind: 'ask_user', question: 'Which total?', durationMs: 100 };
  const answer = resume?.kind === 'answer' ? resume.text : '(none)';
  yield {
    kind: 'complete',
    summary: `You said: ${answer}`,
    extractedData: { answer },
    durationMs: 100,
  };
};

const reviewed: AgentScript = function* () {
  const resume = yield {
    kind: 'review',
    name: 'send_email',
    arguments: { to: 'a@b.c' },
    reason: 'Sends mail',
    durationMs: 100,
  };
  const approved = resume?.kind === 'review' && resume.approved;
  if (approved)
    yield { kind: 'tool_call', name: 'send_email', arguments: {}, output: 'sent', durationMs: 100 };
  yield { kind: 'complete', summary: approved ? 'sent' : 'not sent', durationMs: 100 };
};

const crashing: AgentScript = function* () {
  yield { kind: 'message', content: 'about to break', durationMs: 100 };
  throw new Error('boom');
};

const quiet: AgentScript = function* () {
  yield { kind: 'message', content: 'the only words', durationMs: 100 };
};

const burst: AgentScript = function* () {
  for (let i = 0; i < 12_000; i++) {
    yield { kind: 'tool_call', name: 'tick', arguments: { i }, output: i, durationMs: 0 };
  }
  yield { kind: 'complete', summary: 'burst done', durationMs: 0 };
};

function agent(key: string, script: AgentScript, minutesAgo: number): SeedAgent {
  return {
    key,
    name: key,
    config: {},
    script,
    versions: [
      {
        version_number: 1,
        status: 'published',
        is_active: true,
        system_prompt: key,
        created_minutes_ago: minutesAgo,
      },
    ],
  };
}

const agents = () => [
  agent('slow', slow, 1),
  agent('asker', asker, 2),
  agent('reviewed', reviewed, 3),
  agent('crashing', crashing, 4),
  agent('quiet', quiet, 5),
  agent('burst', burst, 6),
];

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ seedAgents: agents, concurrency: 2 });
});
afterEach(async () => {
  await h.close();
});

const feed = async (id: string) =>
  (await h.get<{ feed: FeedItem[] }>(`/tasks/${id}/result`)).body.feed;
const state = async (id: string) => (await h.get<TaskStateJson>(`/tasks/${id}`)).body;

describe('pickup and steps', () => {
  it('goes pending → running after the pickup delay and lands each step after its duration', async () => {
    const id = await h.runJson(await h.agentId('slow'), { query: 'go' });
    expect(await state(id)).not.toHaveProperty('title');
    expect((await state(id)).status).toBe('pending');
    h.advance(PICKUP_DELAY_MS - 1);
    expect((await state(id)).status).toBe('pending');
    h.advance(1);
    expect(await state(id)).toMatchObject({ status: 'running', title: 'go' });
    expect((await feed(id)).map((i) => i.type)).toEqual(['message']);
    h.advance(999);
    expect(await feed(id)).toHaveLength(1);
    h.advance(1);
    const items = await feed(id);
    expect(items.map((i) => [i.type, i.role])).toEqual([
      ['message', 'user'],
      ['message', 'assistant'],
    ]);
    expect(items[1]).toMatchObject({
      content: 'step one',
      duration_ms: 1000,
      name: null,
      result: null,
    });
    h.advance(2000);
    expect((await state(id)).status).toBe('completed');
    const final = await feed(id);
    expect(final.map((i) => i.type)).toEqual(['message', 'message', 'tool_call', 'task_complete']);
    for (const item of final) {
      expect(Object.keys(item).sort()).toEqual(
        [
          'arguments',
          'content',
          'created_at',
          'duration_ms',
          'id',
          'name',
          'output',
          'result',
          'role',
          'type',
        ].sort(),
      );
    }
    expect(final[2]).toMatchObject({
      name: 'lookup',
      role: 'tool',
      arguments: { q: 'x' },
      output: { hits: 1 },
    });
    expect(final[3]).toMatchObject({
      name: 'task_complete',
      result: {
        content: [{ type: 'text', text: 'slow done' }],
        structuredContent: { summary: 'slow done' },
      },
    });
  });

  it('lands zero-duration steps in bulk, beyond one tick’s batch, and completes', async () => {
    const id = await h.runJson(await h.agentId('burst'), { query: 'many' });
    h.advance(PICKUP_DELAY_MS);
    h.advance(0);
    h.advance(0);
    expect((await state(id)).status).toBe('completed');
    expect((await feed(id)).length).toBe(1 + 12_000 + 1);
    expect(h.clock.pendingTimers).toBe(0);
  });

  it('fails the task with an error item when the script throws', async () => {
    const id = await h.runJson(await h.agentId('crashing'), { query: 'x' });
    expect(await h.advanceUntil(id, ['failed'])).toBe('failed');
    expect((await feed(id)).at(-1)).toMatchObject({
      type: 'error',
      content: match.containing('boom'),
    });
  });

  it('completes with the last message when the script ends without a final step', async () => {
    const id = await h.runJson(await h.agentId('quiet'), { query: 'x' });
    expect(await h.advanceUntil(id, ['completed'])).toBe('completed');
    const summary = await h.get<{ result: { summary: string } }>(`/tasks/${id}/summary`);
    expect(summary.body.result.summary).toBe('the only words');
  });
});

describe('concurrency', () => {
  it('queues beyond the per-agent limit and promotes FIFO when a slot frees', async () => {
    const agentId = await h.agentId('slow');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await h.runJson(agentId, { query: `task ${i}` }));
    const other = await h.runJson(await h.agentId('quiet'), { query: 'other agent' });
    h.advance(PICKUP_DELAY_MS);
    const statuses = async () => Promise.all(ids.map(async (id) => (await state(id)).status));
    expect(await statuses()).toEqual(['running', 'running', 'queued', 'queued']);
    expect((await state(other)).status).toBe('running');
    expect((await state(ids[2] ?? '')).title).toBe('task 2');
    h.advance(1000);
    await h.post(`/tasks/${ids[0] ?? ''}/cancel`);
    expect(await statuses()).toEqual(['stopped', 'running', 'running', 'queued']);
    // Task 1 started 1 s before task 2: it finishes first and hands its slot to task 3.
    h.advance(2000);
    expect(await statuses()).toEqual(['stopped', 'completed', 'running', 'running']);
    h.advance(1000);
    expect(await statuses()).toEqual(['stopped', 'completed', 'completed', 'running']);
    h.advance(2000);
    expect(await statuses()).toEqual(['stopped', 'completed', 'completed', 'completed']);
  });

  it('keeps the slot while a task waits for input', async () => {
    const agentId = await h.agentId('asker');
    const a = await h.runJson(agentId, { query: 'a' });
    const b = await h.runJson(agentId, { query: 'b' });
    const c = await h.runJson(agentId, { query: 'c' });
    h.advance(PICKUP_DELAY_MS + 200);
    expect([(await state(a)).status, (await state(b)).status, (await state(c)).status]).toEqual([
      'waiting_for_input',
      'waiting_for_input',
      'queued',
    ]);
    await h.post(`/tasks/${a}/message`, { message: 'first' });
    h.advance(RESUME_DELAY_MS + 100);
    expect((await state(a)).status).toBe('completed');
    expect((await state(c)).status).toBe('running');
  });
});

describe('interaction', () => {
  it('waits for input, resumes after a reply and records the conversation', async () => {
    const id = await h.runJson(await h.agentId('asker'), { query: 'Extract it' });
    expect(await h.advanceUntil(id, ['waiting_for_input'], { stepMs: 50 })).toBe(
      'waiting_for_input',
    );
    const reply = await h.post<{
      message_id: string;
      task_id: string;
      status: string;
      message: string;
    }>(`/tasks/${id}/message`, { message: 'the second one' });
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({
      message_id: match.uuid(),
      task_id: id,
      status: 'waiting_for_input',
      message: match.matching(/accepted/i),
    });
    h.advance(RESUME_DELAY_MS);
    expect((await state(id)).status).toBe('running');
    h.advance(100);
    expect((await state(id)).status).toBe('completed');
    const summary = await h.get<{ result: unknown }>(`/tasks/${id}/summary`);
    expect(summary.body.result).toEqual({
      summary: 'You said: the second one',
      completed_at: match.iso(),
      extracted_data: { answer: 'the second one' },
    });
    const messages = (await h.get<{ data: TaskMessageJson[] }>(`/tasks/${id}/messages`)).body.data;
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Extract it'],
      ['assistant', 'Which total?'],
      ['user', 'the second one'],
      ['assistant', 'You said: the second one'],
    ]);
    const [query, question, answer, final] = messages;
    expect(query).toMatchObject({ task_id: id, user_id: match.string(), parent_id: null });
    expect(question).toMatchObject({ user_id: null, parent_id: query?.id });
    expect(answer).toMatchObject({
      user_id: query?.user_id,
      parent_id: question?.id,
      id: reply.body.message_id,
    });
    expect(final).toMatchObject({ user_id: null, parent_id: answer?.id });
    const types = (await feed(id)).map((item) => [item.type, item.role]);
    expect(types).toEqual([
      ['message', 'user'],
      ['message', 'assistant'],
      ['ask_user', 'assistant'],
      ['message', 'user'],
      ['task_complete', 'assistant'],
    ]);
  });

  it('delivers a message sent while running at the next question', async () => {
    const id = await h.runJson(await h.agentId('asker'), { query: 'q' });
    h.advance(PICKUP_DELAY_MS);
    expect((await state(id)).status).toBe('running');
    const early = await h.post<{ status: string }>(`/tasks/${id}/message`, {
      message: 'early answer',
    });
    expect(early.body.status).toBe('running');
    h.advance(200 + RESUME_DELAY_MS + 100);
    expect((await state(id)).status).toBe('completed');
    const summary = await h.get<{ result: { summary: string } }>(`/tasks/${id}/summary`);
    expect(summary.body.result.summary).toBe('You said: early answer');
  });

  it('answers 400 for an empty message and 409 once the task is terminal', async () => {
    const id = await h.runJson(await h.agentId('quiet'), { query: 'q' });
    expect((await h.post(`/tasks/${id}/message`, { message: '  ' })).status).toBe(400);
    expect((await h.post(`/tasks/${id}/message`, {})).status).toBe(400);
    expect((await h.request('POST', `/tasks/${id}/message`)).status).toBe(400);
    await h.advanceUntil(id, ['completed']);
    const late = await h.post(`/tasks/${id}/message`, { message: 'too late' });
    expect(late.status).toBe(409);
    expect(late.error).toMatch(/completed/);
  });

  it.each([
    ['approve', 'completed', 'sent', ['review', 'tool_call', 'task_complete']],
    ['reject', 'completed', 'not sent', ['review', 'task_complete']],
  ])('resolves a review by %s', async (decision, finalStatus, summaryText, tail) => {
    const id = await h.runJson(await h.agentId('reviewed'), { query: 'mail them' });
    expect(await h.advanceUntil(id, ['awaiting_review'], { stepMs: 50 })).toBe('awaiting_review');
    const res = await h.post<TaskStateJson>(`/__sim/tasks/${id}/review`, {
      decision,
      note: 'checked',
    });
    expect(res.status).toBe(200);
    expect((await h.post(`/__sim/tasks/${id}/review`, { decision })).status).toBe(409);
    h.advance(RESUME_DELAY_MS + 300);
    expect((await state(id)).status).toBe(finalStatus);
    const items = await feed(id);
    expect(items.slice(1).map((i) => i.type)).toEqual(tail);
    expect(items[1]?.output).toMatchObject({
      decision: decision === 'approve' ? 'approved' : 'rejected',
      note: 'checked',
    });
    const summary = await h.get<{ result: { summary: string } }>(`/tasks/${id}/summary`);
    expect(summary.body.result.summary).toBe(summaryText);
  });

  it('validates review decisions', async () => {
    const id = await h.runJson(await h.agentId('reviewed'), { query: 'mail them' });
    expect((await h.post(`/__sim/tasks/${id}/review`, { decision: 'approve' })).status).toBe(409);
    await h.advanceUntil(id, ['awaiting_review'], { stepMs: 50 });
    expect((await h.post(`/__sim/tasks/${id}/review`, { decision: 'maybe' })).status).toBe(400);
    expect(
      (
        await h.post('/__sim/tasks/00000000-0000-4000-8000-000000000000/review', {
          decision: 'approve',
        })
      ).status,
    ).toBe(404);
  });
});

describe('cancel', () => {
  it('stops a running task; the step in flight still lands and nothing after it', async () => {
    const id = await h.runJson(await h.agentId('slow'), { query: 'x' });
    h.advance(PICKUP_DELAY_MS + 1000 + 500);
    expect((await feed(id)).map((i) => i.type)).toEqual(['message', 'message']);
    const res = await h.post<TaskStateJson>(`/tasks/${id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('stopped');
    h.advance(500);
    const items = await feed(id);
    expect(items.map((i) => i.type)).toEqual(['message', 'message', 'tool_call']);
    h.advance(10_000);
    expect(await feed(id)).toHaveLength(3);
    expect((await state(id)).status).toBe('stopped');
    expect(h.clock.pendingTimers).toBe(0);
  });

  it('is idempotent and works on pending, queued and waiting tasks', async () => {
    const pending = await h.runJson(await h.agentId('slow'), { query: 'p' });
    const first = await h.post<TaskStateJson>(`/tasks/${pending}/cancel`);
    const second = await h.post<TaskStateJson>(`/tasks/${pending}/cancel`);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    h.advance(PICKUP_DELAY_MS + 5000);
    expect((await state(pending)).status).toBe('stopped');

    const waiting = await h.runJson(await h.agentId('asker'), { query: 'w' });
    await h.advanceUntil(waiting, ['waiting_for_input'], { stepMs: 50 });
    expect((await h.post<TaskStateJson>(`/tasks/${waiting}/cancel`)).body.status).toBe('stopped');
    const messages = await h.get<{ data: unknown[] }>(`/tasks/${waiting}/messages`);
    expect(messages.body.data).toHaveLength(2);

    const done = await h.runJson(await h.agentId('quiet'), { query: 'd' });
    await h.advanceUntil(done, ['completed']);
    const again = await h.post<TaskStateJson>(`/tasks/${done}/cancel`);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('completed');
  });
});
