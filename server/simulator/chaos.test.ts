import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_QUIRKS, toTaskMessage, toTaskState } from './present';
import type { TaskRecord } from './model';
import { HOSTILE_AGENT_NAME } from './routes-control';
import { Harness } from './test-harness';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ rateLimit: 0, errorRate: 0 });
});
afterEach(async () => {
  await h.sim.close();
});

describe('run-time settings', () => {
  it('turns the error rate and the rate limit up without a restart, and a reset turns them back', async () => {
    const set = await h.post('/__sim/config', { error_rate: 1, rate_limit: 2 });
    expect(set.body).toEqual({ error_rate: 1, rate_limit: 2 });
    const failing = await h.get('/agents');
    expect([500, 503]).toContain(failing.status);

    await h.post('/__sim/config', { error_rate: 0 });
    expect((await h.get('/agents')).status).toBe(200); // the second of two a minute
    const limited = await h.get('/agents');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);

    await h.post('/__sim/reset');
    expect((await h.get('/__sim/config')).body).toEqual({ error_rate: 0, rate_limit: 0 });
    expect((await h.get('/agents')).status).toBe(200);
  });

  it('refuses settings it cannot apply', async () => {
    expect((await h.post('/__sim/config', { error_rate: 2 })).status).toBe(400);
    expect((await h.post('/__sim/config', { rate_limit: -1 })).status).toBe(400);
  });
});

describe('quirks', () => {
  it('sends null for optional fields only, and fields no client knows, on every shape', async () => {
    const agentId = await h.agentId('summarizer');
    const taskId = await h.runJson(agentId, { query: 'Summarize nothing at all please' });
    await h.post('/__sim/quirks', { nulls: true, extra_fields: true });

    const tasks = await h.get<{ data: Record<string, unknown>[]; x_simulator_quirk: unknown }>(
      '/tasks',
    );
    expect(tasks.body.x_simulator_quirk).toBeDefined();
    expect(tasks.body.data[0]).toMatchObject({ title: null, agent_name: null, status: 'pending' });
    expect(tasks.body.data[0]?.updated_at).toEqual(expect.any(String));
    expect(tasks.body.data[0]?.x_simulator_quirk).toBeDefined();
    const agents = await h.get<{ data: Record<string, unknown>[] }>('/agents');
    expect(agents.body.data[0]).toMatchObject({ created_at: null, updated_at: null });
    expect(agents.body.data[0]?.agent_group_id).toEqual(expect.any(String));
    h.advance(60_000);
    const messages = await h.get<{ data: Record<string, unknown>[] }>(`/tasks/${taskId}/messages`);
    expect(messages.body.data.length).toBeGreaterThan(0);
    for (const message of messages.body.data) {
      expect(message).not.toHaveProperty('title');
      expect(message.x_simulator_quirk).toBeDefined();
    }
    // Errors keep their envelope as it is.
    const missing = await h.get('/tasks/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).not.toHaveProperty('x_simulator_quirk');

    await h.post('/__sim/reset');
    expect((await h.get('/__sim/quirks')).body).toEqual(NO_QUIRKS);
  });

  it('leaves status out of the task list, as the docs’ example does, and nowhere else', async () => {
    const agentId = await h.agentId('summarizer');
    const taskId = await h.runJson(agentId, { query: 'Summarize nothing at all please' });
    await h.post('/__sim/quirks', { list_without_status: true });
    const tasks = await h.get<{ data: Record<string, unknown>[]; has_more: boolean }>('/tasks');
    expect(tasks.body.data[0]).toMatchObject({ task_id: taskId });
    expect(tasks.body.data[0]).not.toHaveProperty('status');
    expect(tasks.body.has_more).toBe(false);
    // The task itself still says where it is.
    expect((await h.get<{ status: string }>(`/tasks/${taskId}`)).body.status).toBe('pending');
    expect((await h.get('/__sim/quirks')).body).toMatchObject({ listWithoutStatus: true });
  });

  it('adds a hostile agent that runs and quotes what it is given', async () => {
    await h.post('/__sim/quirks', { hostile_agent: true });
    const agents = await h.get<{ data: { id: string; name: string }[] }>('/agents');
    const hostile = agents.body.data.find((agent) => agent.name === HOSTILE_AGENT_NAME);
    expect(hostile).toBeDefined();
    expect(HOSTILE_AGENT_NAME.length).toBeGreaterThan(10_000);
    const taskId = await h.runJson(hostile?.id ?? '', {
      query: '<img src=x onerror=alert(3)> summarize',
    });
    h.advance(60_000);
    const messages = await h.get<{ data: { content: unknown }[] }>(`/tasks/${taskId}/messages`);
    expect(JSON.stringify(messages.body)).toContain('<img src=x onerror=alert(3)>');
    // Once only: asking again keeps one.
    await h.post('/__sim/quirks', { hostile_agent: true });
    const again = await h.get<{ data: { name: string }[] }>('/agents');
    expect(again.body.data.filter((agent) => agent.name === HOSTILE_AGENT_NAME)).toHaveLength(1);
  });

  it('leaves a shape as documented without quirks, and a message without a title with them', () => {
    const task = {
      id: 't',
      agentId: 'a',
      status: 'pending',
      title: null,
      createdAt: 0,
      updatedAt: 0,
    } as unknown as TaskRecord;
    expect(toTaskState(task, NO_QUIRKS)).not.toHaveProperty('title');
    expect(toTaskState(task, { ...NO_QUIRKS, nulls: true })).toMatchObject({ title: null });
    const message = {
      id: 'm',
      role: 'user',
      content: 'x',
      createdAt: 0,
      userId: 'u',
      parentId: null,
    } as const;
    expect(toTaskMessage(task, message, { ...NO_QUIRKS, nulls: true })).not.toHaveProperty('title');
  });
});
