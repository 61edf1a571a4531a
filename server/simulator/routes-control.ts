/** Control routes under `/__sim/` for tests and demos: they take the simulator's key (all but
 *  `GET /__sim/health`; `app.ts`), are not logged and skip latency, faults and rate limits. */
import type { Context, Hono } from 'hono';
import { summarizerScript } from './agents/summarizer';
import { readJsonObject } from './body';
import { toTaskState } from './present';
import { ApiProblem } from './problem';
import { route } from './routing';
import type { Simulation } from './simulation';
import { ConfigBody, FaultBody, parse, QuirksBody, requireUuid, ReviewBody } from './validate';

/** A name no console should render as anything but text, and no layout should overflow on. */
export const HOSTILE_AGENT_NAME =
  '<img src=x onerror=alert(1)> [click me](javascript:alert(2)) \u202Egnp.exe ' +
  'W'.repeat(10_000);

async function review(sim: Simulation, c: Context): Promise<Response> {
  const id = requireUuid(c.req.param('task_id') ?? '', 'task_id');
  const task = sim.workspace.getTask(id);
  if (!task) throw new ApiProblem(404, `No task with id ${id} exists in the simulator.`);
  const body = parse(ReviewBody, await readJsonObject(c));
  const note = body.note?.trim() ? body.note : null;
  sim.engine.decideReview(task, body.decision === 'approve', note);
  return c.json(toTaskState(task));
}

/** `GET /__sim/seed`: each seeded agent group with its versions. */
export function seedSummary(sim: Simulation) {
  const agents = [...sim.workspace.agents.values()];
  const firsts = agents.filter((a, i) => agents.findIndex((b) => b.groupId === a.groupId) === i);
  return firsts.map((agent) => {
    const versions = sim.workspace.groupVersions(agent.groupId);
    return {
      key: agent.seedKey,
      name: agent.name,
      agent_group_id: agent.groupId,
      published_id: versions.find((version) => version.status === 'published')?.id ?? null,
      versions: versions.map((version) => ({
        id: version.id,
        version_number: version.versionNumber,
        status: version.status,
        is_active: version.isActive,
      })),
    };
  });
}

function settings(sim: Simulation, body: Record<string, unknown>) {
  const { error_rate, rate_limit } = parse(ConfigBody, body);
  if (error_rate !== undefined) sim.settings.errorRate = error_rate;
  if (rate_limit !== undefined) sim.rateLimiter.limit = rate_limit;
  return { error_rate: sim.settings.errorRate, rate_limit: sim.rateLimiter.limit };
}

function quirks(sim: Simulation, body: Record<string, unknown>) {
  const given = parse(QuirksBody, body);
  const { quirks } = sim;
  quirks.nulls = given.nulls ?? quirks.nulls;
  quirks.extraFields = given.extra_fields ?? quirks.extraFields;
  quirks.listWithoutStatus = given.list_without_status ?? quirks.listWithoutStatus;
  if (given.hostile_agent === false && quirks.hostileAgent) {
    throw new ApiProblem(409, 'The hostile agent cannot be removed; reset the simulator instead.');
  }
  if (given.hostile_agent && !quirks.hostileAgent) {
    quirks.hostileAgent = true;
    // It runs like the Document Summarizer, which quotes what it is given.
    sim.workspace.addAgentVersion({
      groupId: sim.workspace.newId(),
      versionNumber: 1,
      status: 'published',
      name: HOSTILE_AGENT_NAME,
      config: { system_prompt: 'Summarizes what it is given, quoting it.', tools: ['read_file'] },
      isActive: true,
      createdAt: sim.clock.now(),
      script: summarizerScript,
      seedKey: 'hostile',
    });
  }
  return { ...quirks };
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
  route(app, '/__sim/tasks', {
    GET: (c) =>
      c.json({ data: [...sim.workspace.tasks.values()].map((task) => toTaskState(task)) }),
  });
  route(app, '/__sim/faults', {
    GET: (c) => c.json({ data: sim.faults.list() }),
    POST: async (c) => {
      const spec = parse(FaultBody, await readJsonObject(c));
      return c.json({ data: sim.faults.add(spec) }, 201);
    },
    DELETE: (c) => c.json({ ok: true, cleared: sim.faults.clear() }),
  });
  route(app, '/__sim/config', {
    GET: (c) => c.json(settings(sim, {})),
    POST: async (c) => c.json(settings(sim, await readJsonObject(c))),
  });
  route(app, '/__sim/quirks', {
    GET: (c) => c.json(quirks(sim, {})),
    POST: async (c) => c.json(quirks(sim, await readJsonObject(c))),
  });
  route(app, '/__sim/requests', {
    GET: (c) => {
      const path = c.req.query('path') || undefined;
      const method = c.req.query('method') || undefined;
      return c.json({ data: sim.requestLog.list({ path, method }) });
    },
    DELETE: (c) => {
      sim.requestLog.clear();
      return c.json({ ok: true });
    },
  });
}
