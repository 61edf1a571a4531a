/**
 * Control routes under `/__sim/` for tests, demos and the dashboard's own end-to-end suite.
 * They need no key, are never under `/api`, are not logged and ignore latency, faults and rate
 * limits: they control the simulator, they are not part of the simulated API.
 */
import type { Context, Hono } from 'hono';
import { toTaskState } from './present';
import { ApiProblem } from './problem';
import { route } from './routing';
import type { Simulation } from './simulation';
import { readJsonObject, requireUuid } from './validate';
import { setQuirks, setSettings } from './chaos';
import type { FaultSpec } from './faults';

async function review(sim: Simulation, c: Context): Promise<Response> {
  const id = requireUuid(c.req.param('task_id') ?? '', 'task_id');
  const task = sim.workspace.getTask(id);
  if (!task) throw new ApiProblem(404, `No task with id ${id} exists in the simulator.`);
  const body = await readJsonObject(c, { emptyIsObject: false });
  if (body.decision !== 'approve' && body.decision !== 'reject') {
    throw new ApiProblem(400, 'decision must be "approve" or "reject".');
  }
  if (body.note !== undefined && body.note !== null && typeof body.note !== 'string') {
    throw new ApiProblem(400, 'note must be a string when given.');
  }
  const note = typeof body.note === 'string' && body.note.trim() !== '' ? body.note : null;
  sim.engine.decideReview(task, body.decision === 'approve', note);
  return c.json(toTaskState(task));
}

function integerField(
  body: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ApiProblem(400, `${key} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ApiProblem(400, `${key} must be a non-empty string when given.`);
  }
  return value.trim();
}

async function addFault(sim: Simulation, c: Context): Promise<Response> {
  const body = await readJsonObject(c, { emptyIsObject: false });
  const status = integerField(body, 'status', 400, 599);
  if (status === undefined) {
    throw new ApiProblem(
      400,
      'status is required: an HTTP error status from 400 to 599, e.g. {"status": 503}.',
    );
  }
  const spec: FaultSpec = { status };
  const count = integerField(body, 'count', 1, 1_000_000);
  const retryAfter = integerField(body, 'retry_after', 0, 86_400);
  const error = stringField(body, 'error');
  const method = stringField(body, 'method');
  const path = stringField(body, 'path');
  if (count !== undefined) spec.count = count;
  if (retryAfter !== undefined) spec.retryAfter = retryAfter;
  if (error !== undefined) spec.error = error;
  if (method !== undefined) spec.method = method;
  if (path !== undefined) spec.path = path;
  return c.json({ data: sim.faults.add(spec) }, 201);
}

function seedSummary(sim: Simulation): unknown[] {
  const groups = new Map<string, { key: string; name: string; agent_group_id: string }>();
  for (const agent of sim.workspace.agents.values()) {
    if (!groups.has(agent.groupId)) {
      groups.set(agent.groupId, {
        key: agent.seedKey,
        name: agent.name,
        agent_group_id: agent.groupId,
      });
    }
  }
  return [...groups.values()].map((group) => {
    const versions = sim.workspace.groupVersions(group.agent_group_id);
    return {
      ...group,
      published_id: versions.find((v) => v.status === 'published')?.id ?? null,
      versions: versions.map((v) => ({
        id: v.id,
        version_number: v.versionNumber,
        status: v.status,
        is_active: v.isActive,
      })),
    };
  });
}

export function registerControlRoutes(app: Hono, sim: Simulation): void {
  route(app, '/__sim/health', { GET: (c) => c.json({ ok: true }) });
  route(app, '/__sim/reset', {
    POST: (c) => {
      sim.reset();
      return c.json({ ok: true });
    },
  });
  route(app, '/__sim/seed', { GET: (c) => c.json({ data: seedSummary(sim) }) });
  route(app, '/__sim/tasks/:task_id/review', { POST: (c) => review(sim, c) });
  // Every task's state as the simulator holds it, oldest first: the truth a test compares the
  // screen with, read without the API's injected failures and rate limit.
  route(app, '/__sim/tasks', {
    GET: (c) => c.json({ data: [...sim.workspace.tasks.values()].map(toTaskState) }),
  });
  route(app, '/__sim/faults', {
    GET: (c) => c.json({ data: sim.faults.list() }),
    POST: (c) => addFault(sim, c),
    DELETE: (c) => c.json({ ok: true, cleared: sim.faults.clear() }),
  });
  route(app, '/__sim/config', {
    GET: (c) => c.json(setSettings(sim, {})),
    POST: async (c) => c.json(setSettings(sim, await readJsonObject(c, { emptyIsObject: true }))),
  });
  route(app, '/__sim/quirks', {
    GET: (c) => c.json(setQuirks(sim, {})),
    POST: async (c) => c.json(setQuirks(sim, await readJsonObject(c, { emptyIsObject: true }))),
  });
  route(app, '/__sim/requests', {
    GET: (c) => {
      const path = c.req.query('path');
      const method = c.req.query('method');
      return c.json({
        data: sim.requestLog.list({
          ...(path ? { path } : {}),
          ...(method ? { method } : {}),
        }),
      });
    },
    DELETE: (c) => {
      sim.requestLog.clear();
      return c.json({ ok: true });
    },
  });
}
