/** `/api/v1/agents…`: list, get and run; every version is its own row and `/agents/{id}`, and
 *  only published, active versions run (decision 0002). Agent writes are not served (404/405). */
import type { Context, Hono } from 'hono';
import { AGENT_VERSION_STATUSES, type AgentRecord, type AgentVersionStatus } from './model';
import { toAgent, toAgentSummary, toPage, toTaskState } from './present';
import { paginate } from './pagination';
import { ApiProblem } from './problem';
import { route } from './routing';
import { readRunInput } from './run-input';
import type { Simulation } from './simulation';
import { parseCommaList, parseCursor, parseLimit, requireUuid } from './validate';

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
  return c.json(toPage(page, (agent) => toAgentSummary(agent, sim.quirks), sim.quirks));
}

function assertRunnable(sim: Simulation, agent: AgentRecord): void {
  if (!agent.isActive) {
    throw new ApiProblem(
      403,
      `Agent "${agent.name}" (v${agent.versionNumber}) is inactive (is_active: false) and cannot be run. Activate it in the Nanonets dashboard, or run another agent.`,
    );
  }
  if (agent.status !== 'published') {
    const published = sim.workspace
      .groupVersions(agent.groupId)
      .find((version) => version.status === 'published');
    const hint =
      agent.status === 'draft'
        ? 'Publish it in the Nanonets dashboard first'
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
  const task = sim.engine.startTask(agent, await readRunInput(c, sim.options));
  return c.json(
    {
      ...toTaskState(task, sim.quirks),
      // The real API says /v1/tasks/{task_id}; this simulator serves only /api/v1 (README).
      message: 'Task created successfully. Use GET /api/v1/tasks/{task_id} to check status.',
    },
    201,
  );
}

export function registerAgentRoutes(app: Hono, sim: Simulation): void {
  route(app, '/api/v1/agents', { GET: (c) => listAgents(sim, c) });
  route(app, '/api/v1/agents/:agent_id', {
    GET: (c) => c.json(toAgent(findAgent(sim, c), sim.quirks)),
  });
  route(app, '/api/v1/agents/:agent_id/run', { POST: (c) => runAgent(sim, c) });
}
