/**
 * `/api/v1/agents…`: list, create, get, patch, versions, publish and run.
 *
 * Version semantics (see docs/decisions/0002): every version is its own row and its own
 * `/agents/{id}`; a group shares one name; PATCH edits the addressed version in place; publish
 * promotes the group's draft and archives the previously published version; only published,
 * active versions can be run.
 */
import type { Context, Hono } from 'hono';
import { toAgent, toAgentSummary, toTaskState } from './present';
import {
  AGENT_VERSION_STATUSES,
  type AgentRecord,
  type AgentVersionStatus,
  type PageJson,
  type AgentSummaryJson,
} from './model';
import { paginate } from './pagination';
import { ApiProblem } from './problem';
import { route } from './routing';
import { readRunInput } from './run-input';
import type { Simulation } from './simulation';
import {
  isPlainObject,
  parseCommaList,
  parseCursor,
  parseLimit,
  readJsonObject,
  requireUuid,
} from './validate';

/** Tools a freshly created agent gets when no `config` is given. */
export const DEFAULT_AGENT_TOOLS = ['read_file', 'web_search', 'ask_user'];
const MAX_NAME_LENGTH = 200;
const READ_ONLY_FIELDS = [
  'id',
  'agent_group_id',
  'version_number',
  'status',
  'created_at',
  'updated_at',
];

function findAgent(sim: Simulation, c: Context): AgentRecord {
  const id = requireUuid(c.req.param('agent_id') ?? '', 'agent_id');
  const agent = sim.workspace.getAgent(id);
  if (!agent) {
    throw new ApiProblem(
      404,
      `No agent with id ${id} exists in this workspace. List agents with GET /api/v1/agents (add status=archived to include archived versions).`,
    );
  }
  return agent;
}

function parseName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ApiProblem(400, 'name must be a non-empty string.');
  }
  const name = value.trim().replace(/\s+/g, ' ');
  if (name.length > MAX_NAME_LENGTH) {
    throw new ApiProblem(
      400,
      `name must be at most ${MAX_NAME_LENGTH} characters; got ${name.length}.`,
    );
  }
  return name;
}

function assertNameFree(sim: Simulation, name: string, ownGroupId: string | null): void {
  const holder = sim.workspace.groupNamed(name);
  if (holder !== undefined && holder !== ownGroupId) {
    throw new ApiProblem(
      409,
      `An agent named "${name}" already exists (agent_group_id ${holder}). Agent names are unique per workspace; choose another name.`,
    );
  }
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ApiProblem(400, `${key} must be a string.`);
  return value;
}

function optionalConfig(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const value = body.config;
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    throw new ApiProblem(400, 'config must be a JSON object (it replaces the whole agent config).');
  }
  return structuredClone(value);
}

function listAgents(sim: Simulation, c: Context): Response {
  const limit = parseLimit(c.req.query('limit'));
  // Repeated parameters (status=a&status=b) read like one comma list.
  const statusRaw = c.req.queries('status')?.join(',');
  const statuses: Set<AgentVersionStatus> =
    statusRaw === undefined
      ? new Set(['draft', 'published'])
      : parseCommaList(statusRaw, AGENT_VERSION_STATUSES, 'status');
  const q = c.req.query('q')?.trim().toLowerCase() ?? '';
  const after = parseCursor('agents', c.req.query('cursor'));
  const rows = [...sim.workspace.agents.values()].filter(
    (agent) => statuses.has(agent.status) && (q === '' || agent.name.toLowerCase().includes(q)),
  );
  const page = paginate('agents', rows, limit, after);
  const body: PageJson<AgentSummaryJson> = {
    data: page.items.map(toAgentSummary),
    has_more: page.hasMore,
    next_cursor: page.nextCursor,
  };
  return c.json(body);
}

async function createAgent(sim: Simulation, c: Context): Promise<Response> {
  const body = await readJsonObject(c, { emptyIsObject: true });
  const name = body.name === undefined ? sim.workspace.nextUntitledName() : parseName(body.name);
  const systemPrompt = optionalString(body, 'system_prompt');
  const supplied = optionalConfig(body);
  const config = supplied ?? { system_prompt: '', tools: [...DEFAULT_AGENT_TOOLS] };
  // The documented create rule: the shortcut is ignored when config.system_prompt is supplied.
  if (systemPrompt !== undefined && supplied?.system_prompt === undefined) {
    config.system_prompt = systemPrompt;
  }
  if (body.is_active !== undefined && typeof body.is_active !== 'boolean') {
    throw new ApiProblem(400, 'is_active must be true or false.');
  }
  assertNameFree(sim, name, null);
  const agent = sim.workspace.addAgentVersion({
    groupId: sim.workspace.newId(),
    versionNumber: 1,
    status: 'published',
    name,
    config,
    isActive: body.is_active ?? true,
    createdAt: sim.clock.now(),
    script: null,
    seedKey: null,
  });
  return c.json(toAgent(agent), 201);
}

async function patchAgent(sim: Simulation, c: Context): Promise<Response> {
  const agent = findAgent(sim, c);
  const body = await readJsonObject(c, { emptyIsObject: true });
  const readOnly = READ_ONLY_FIELDS.filter((key) => key in body);
  if (readOnly.length > 0) {
    throw new ApiProblem(
      400,
      `${readOnly.join(', ')} ${readOnly.length === 1 ? 'is' : 'are'} read-only. PATCH accepts name, config, system_prompt and is_active; publish a draft with POST /api/v1/agents/{agent_id}/versions/publish.`,
    );
  }
  const name = body.name === undefined ? undefined : parseName(body.name);
  const config = optionalConfig(body);
  const systemPrompt = optionalString(body, 'system_prompt');
  if (body.is_active !== undefined && typeof body.is_active !== 'boolean') {
    throw new ApiProblem(400, 'is_active must be true or false.');
  }
  if (name !== undefined) assertNameFree(sim, name, agent.groupId);

  // Validate everything first so a rejected PATCH changes nothing.
  const now = sim.clock.now();
  if (name !== undefined && name !== agent.name) {
    // The name belongs to the logical agent: every version of the group is renamed.
    for (const version of sim.workspace.groupVersions(agent.groupId)) {
      version.name = name;
      version.updatedAt = now;
    }
  }
  if (config !== undefined) agent.config = config;
  if (systemPrompt !== undefined) agent.config = { ...agent.config, system_prompt: systemPrompt };
  if (typeof body.is_active === 'boolean') agent.isActive = body.is_active;
  agent.updatedAt = now;
  return c.json(toAgent(agent));
}

function listVersions(sim: Simulation, c: Context): Response {
  const agent = findAgent(sim, c);
  return c.json({ data: sim.workspace.groupVersions(agent.groupId).map(toAgentSummary) });
}

function publishDraft(sim: Simulation, c: Context): Response {
  const agent = findAgent(sim, c);
  const versions = sim.workspace.groupVersions(agent.groupId);
  const draft = versions.find((version) => version.status === 'draft');
  if (!draft) {
    throw new ApiProblem(
      409,
      `"${agent.name}" has no draft version to publish (versions: ${versions
        .map((v) => `v${v.versionNumber} ${v.status}`)
        .join(', ')}). Nothing was changed.`,
    );
  }
  const now = sim.clock.now();
  for (const version of versions) {
    if (version.status === 'published') {
      version.status = 'archived';
      version.updatedAt = now;
    }
  }
  draft.status = 'published';
  draft.updatedAt = now;
  return c.json(toAgentSummary(draft));
}

function assertRunnable(sim: Simulation, agent: AgentRecord): void {
  if (!agent.isActive) {
    throw new ApiProblem(
      403,
      `Agent "${agent.name}" (v${agent.versionNumber}) is inactive (is_active: false) and cannot be run. Activate it with PATCH /api/v1/agents/${agent.id} {"is_active": true}, or run another agent.`,
    );
  }
  if (agent.status !== 'published') {
    const published = sim.workspace
      .groupVersions(agent.groupId)
      .find((version) => version.status === 'published');
    const hint =
      agent.status === 'draft'
        ? `Publish it first with POST /api/v1/agents/${agent.id}/versions/publish`
        : 'It was superseded by a newer version';
    throw new ApiProblem(
      409,
      `Version ${agent.versionNumber} of "${agent.name}" is ${agent.status}; only the published version can be run. ${hint}${
        published
          ? `, or run the published version ${published.id} (v${published.versionNumber})`
          : ''
      }.`,
    );
  }
}

async function runAgent(sim: Simulation, c: Context): Promise<Response> {
  const agent = findAgent(sim, c);
  assertRunnable(sim, agent);
  const input = await readRunInput(c, {
    maxFileMb: sim.options.maxFileMb,
    maxFiles: sim.options.maxFiles,
  });
  const task = sim.engine.startTask(agent, input);
  return c.json(
    {
      ...toTaskState(task),
      message: 'Task created successfully. Use GET /v1/tasks/{task_id} to check status.',
    },
    201,
  );
}

export function registerAgentRoutes(app: Hono, sim: Simulation): void {
  route(app, '/api/v1/agents', {
    GET: (c) => listAgents(sim, c),
    POST: (c) => createAgent(sim, c),
  });
  route(app, '/api/v1/agents/:agent_id', {
    GET: (c) => c.json(toAgent(findAgent(sim, c))),
    PATCH: (c) => patchAgent(sim, c),
  });
  route(app, '/api/v1/agents/:agent_id/versions', { GET: (c) => listVersions(sim, c) });
  route(app, '/api/v1/agents/:agent_id/versions/publish', { POST: (c) => publishDraft(sim, c) });
  route(app, '/api/v1/agents/:agent_id/run', { POST: (c) => runAgent(sim, c) });
}
