/**
 * Turning the simulator into a worse backend at run time, for the console's hardest journeys:
 *
 * - **Settings** (`POST /__sim/config`): the share of API requests answered 500/503 and the rate
 *   limit per minute, changed without a restart (the flags `--error-rate` / `--rate-limit` set the
 *   starting values). A chaos journey turns them up, does its work, and a reset turns them back.
 * - **Quirks** (`POST /__sim/quirks`): readings of the API other backends may have. `nulls`
 *   sends `null` for optional fields instead of leaving them out (titles, agent names, times);
 *   `extra_fields` adds fields no client knows to every object; `hostile_agent` adds an agent
 *   whose name carries markup, a `javascript:` link, a right-to-left override and 10,000
 *   characters (it runs like the Document Summarizer, which quotes what it is given, so its
 *   tasks, messages and trace steps carry the same text); `list_without_status` leaves `status`
 *   out of the items of `GET /tasks`, as the API docs' own list example does (§2.3).
 *
 * Quirks rewrite the JSON of successful `/api/v1` answers after the routes have built them, so
 * no route knows about them; a reset clears them.
 */
import type { MiddlewareHandler } from 'hono';
import { summarizerScript } from './agents/summarizer';
import { ApiProblem } from './problem';
import type { Simulation } from './simulation';

export interface Quirks {
  nulls: boolean;
  extraFields: boolean;
  hostileAgent: boolean;
  listWithoutStatus: boolean;
}

export const NO_QUIRKS: Quirks = {
  nulls: false,
  extraFields: false,
  hostileAgent: false,
  listWithoutStatus: false,
};

/** The task list's items without their `status`, the rest of the answer as it is. */
export function withoutStatus(value: unknown): unknown {
  if (!isRecord(value) || !Array.isArray(value.data)) return value;
  return {
    ...value,
    data: (value.data as unknown[]).map((item) => {
      if (!isRecord(item)) return item;
      const { status: _status, ...rest } = item;
      return rest;
    }),
  };
}

/** A name no console should render as anything but text, and that no layout should overflow on. */
export const HOSTILE_AGENT_NAME =
  '<img src=x onerror=alert(1)> [click me](javascript:alert(2)) \u202Egnp.exe ' +
  'W'.repeat(10_000);

export const HOSTILE_SEED_KEY = 'hostile';

const EXTRA_FIELD = { note: 'a field no client knows', values: [1, null, 'β', { deep: [] }] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer's JSON as a backend with these quirks would send it. Pure; exported for tests. */
export function applyQuirks(value: unknown, quirks: Quirks): unknown {
  if (Array.isArray(value)) return value.map((item) => applyQuirks(item, quirks));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = applyQuirks(field, quirks);
  if (quirks.nulls) {
    if ('task_id' in out) {
      // A task: its optional fields as null rather than absent.
      out.title ??= null;
      if ('status' in out) out.updated_at = null;
      if ('agent_name' in out) out.agent_name = null;
    } else if ('version_number' in out) {
      out.created_at = null;
      out.updated_at = null;
      out.agent_group_id = null;
    } else if ('type' in out && 'role' in out) {
      out.name ??= null;
    }
  }
  if (quirks.extraFields) out.x_simulator_quirk = EXTRA_FIELD;
  return out;
}

/** Rewrites successful JSON answers of the API routes when a quirk that does so is on. */
export function quirkyResponses(sim: Simulation): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const { nulls, extraFields, listWithoutStatus } = sim.quirks;
    const taskList = listWithoutStatus && c.req.method === 'GET' && c.req.path === '/api/v1/tasks';
    if (!nulls && !extraFields && !taskList) return;
    const type = c.res.headers.get('content-type') ?? '';
    if (c.res.status < 200 || c.res.status >= 300 || !type.includes('application/json')) return;
    const json: unknown = await c.res.json();
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    const rewritten = applyQuirks(taskList ? withoutStatus(json) : json, sim.quirks);
    c.res = new Response(JSON.stringify(rewritten), {
      status: c.res.status,
      headers,
    });
  };
}

function booleanField(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new ApiProblem(400, `${key} must be true or false.`);
  return value;
}

/** Applies `{nulls?, extra_fields?, hostile_agent?, list_without_status?}`; returns the quirks
 *  now in force. */
export function setQuirks(sim: Simulation, body: Record<string, unknown>): Quirks {
  const nulls = booleanField(body, 'nulls');
  const extraFields = booleanField(body, 'extra_fields');
  const hostileAgent = booleanField(body, 'hostile_agent');
  const listWithoutStatus = booleanField(body, 'list_without_status');
  if (nulls !== undefined) sim.quirks.nulls = nulls;
  if (extraFields !== undefined) sim.quirks.extraFields = extraFields;
  if (listWithoutStatus !== undefined) sim.quirks.listWithoutStatus = listWithoutStatus;
  if (hostileAgent === true && !sim.quirks.hostileAgent) {
    sim.quirks.hostileAgent = true;
    sim.workspace.addAgentVersion({
      groupId: sim.workspace.newId(),
      versionNumber: 1,
      status: 'published',
      name: HOSTILE_AGENT_NAME,
      config: { system_prompt: 'Summarizes what it is given, quoting it.', tools: ['read_file'] },
      isActive: true,
      createdAt: sim.clock.now(),
      script: summarizerScript,
      seedKey: HOSTILE_SEED_KEY,
    });
  } else if (hostileAgent === false && sim.quirks.hostileAgent) {
    throw new ApiProblem(409, 'The hostile agent cannot be removed; reset the simulator instead.');
  }
  return { ...sim.quirks };
}

/** Applies `{error_rate?, rate_limit?}`; returns the settings now in force. */
export function setSettings(
  sim: Simulation,
  body: Record<string, unknown>,
): { error_rate: number; rate_limit: number } {
  const errorRate = body.error_rate;
  if (errorRate !== undefined) {
    if (typeof errorRate !== 'number' || !(errorRate >= 0 && errorRate <= 1)) {
      throw new ApiProblem(400, 'error_rate must be a number from 0 to 1.');
    }
    sim.settings.errorRate = errorRate;
  }
  const rateLimit = body.rate_limit;
  if (rateLimit !== undefined) {
    if (typeof rateLimit !== 'number' || !Number.isInteger(rateLimit) || rateLimit < 0) {
      throw new ApiProblem(
        400,
        'rate_limit must be a whole number of requests per minute (0 = off).',
      );
    }
    sim.rateLimiter.setLimit(rateLimit);
  }
  return { error_rate: sim.settings.errorRate, rate_limit: sim.rateLimiter.limit };
}
