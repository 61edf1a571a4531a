/**
 * `/api/v1/tasks…`: list, state, summary, result, message, messages and cancel.
 * State changes go through the engine; these handlers only validate, look up and present.
 */
import type { Context, Hono } from 'hono';
import {
  TASK_STATUSES,
  type PageJson,
  type TaskListItemJson,
  type TaskRecord,
  type TaskStatus,
} from './model';
import { paginate } from './pagination';
import { selectSummaryAnswer, toTaskListItem, toTaskMessage, toTaskState } from './present';
import { ApiProblem } from './problem';
import { route } from './routing';
import type { Simulation } from './simulation';
import {
  parseCommaList,
  parseIsoDateTime,
  parseCursor,
  parseLimit,
  readJsonObject,
  requireUuid,
} from './validate';

function findTask(sim: Simulation, c: Context): TaskRecord {
  const id = requireUuid(c.req.param('task_id') ?? '', 'task_id');
  const task = sim.workspace.getTask(id);
  if (!task) {
    throw new ApiProblem(
      404,
      `No task with id ${id} exists in this workspace. List tasks with GET /api/v1/tasks.`,
    );
  }
  return task;
}

function agentName(sim: Simulation, task: TaskRecord): string {
  return sim.workspace.getAgent(task.agentId)?.name ?? '(deleted agent)';
}

function listTasks(sim: Simulation, c: Context): Response {
  const limit = parseLimit(c.req.query('limit'));
  const agentIdRaw = c.req.query('agent_id');
  const agentId = agentIdRaw === undefined ? undefined : requireUuid(agentIdRaw, 'agent_id');
  // Repeated parameters (status=a&status=b) read like one comma list.
  const statusRaw = c.req.queries('status')?.join(',');
  const statuses: Set<TaskStatus> | undefined =
    statusRaw === undefined ? undefined : parseCommaList(statusRaw, TASK_STATUSES, 'status');
  const afterRaw = c.req.query('created_after');
  const beforeRaw = c.req.query('created_before');
  const createdAfter =
    afterRaw === undefined ? undefined : parseIsoDateTime(afterRaw, 'created_after');
  const createdBefore =
    beforeRaw === undefined ? undefined : parseIsoDateTime(beforeRaw, 'created_before');
  const q = c.req.query('q')?.trim().toLowerCase() ?? '';
  const after = parseCursor('tasks', c.req.query('cursor'));

  const rows = [...sim.workspace.tasks.values()].filter(
    (task) =>
      (agentId === undefined || task.agentId === agentId) &&
      (statuses === undefined || statuses.has(task.status)) &&
      (createdAfter === undefined || task.createdAt >= createdAfter) &&
      (createdBefore === undefined || task.createdAt <= createdBefore) &&
      (q === '' || (task.title?.toLowerCase().includes(q) ?? false)),
  );
  const page = paginate('tasks', rows, limit, after);
  const body: PageJson<TaskListItemJson> = {
    data: page.items.map((task) => toTaskListItem(task, agentName(sim, task))),
    has_more: page.hasMore,
    next_cursor: page.nextCursor,
  };
  return c.json(body);
}

function summary(sim: Simulation, c: Context): Response {
  const task = findTask(sim, c);
  const answer = selectSummaryAnswer(task.feed);
  return c.json({ ...toTaskState(task), ...(answer !== undefined ? { result: answer } : {}) });
}

function result(sim: Simulation, c: Context): Response {
  const task = findTask(sim, c);
  return c.json({ ...toTaskState(task), feed: task.feed });
}

async function postMessage(sim: Simulation, c: Context): Promise<Response> {
  const task = findTask(sim, c);
  const body = await readJsonObject(c, { emptyIsObject: false });
  const text = body.message;
  if (typeof text !== 'string' || text.trim() === '') {
    throw new ApiProblem(
      400,
      'message must be a non-empty string, e.g. {"message": "Use the second total."}.',
    );
  }
  const message = sim.engine.postMessage(task, text);
  return c.json(
    {
      message_id: message.id,
      task_id: task.id,
      status: task.status,
      message: 'Message accepted and queued for the agent.',
    },
    202,
  );
}

function listMessages(sim: Simulation, c: Context): Response {
  const task = findTask(sim, c);
  return c.json({ data: task.messages.map((message) => toTaskMessage(task, message)) });
}

function cancel(sim: Simulation, c: Context): Response {
  const task = findTask(sim, c);
  sim.engine.cancel(task);
  return c.json(toTaskState(task));
}

export function registerTaskRoutes(app: Hono, sim: Simulation): void {
  route(app, '/api/v1/tasks', { GET: (c) => listTasks(sim, c) });
  route(app, '/api/v1/tasks/:task_id', { GET: (c) => c.json(toTaskState(findTask(sim, c))) });
  route(app, '/api/v1/tasks/:task_id/summary', { GET: (c) => summary(sim, c) });
  route(app, '/api/v1/tasks/:task_id/result', { GET: (c) => result(sim, c) });
  route(app, '/api/v1/tasks/:task_id/message', { POST: (c) => postMessage(sim, c) });
  route(app, '/api/v1/tasks/:task_id/messages', { GET: (c) => listMessages(sim, c) });
  route(app, '/api/v1/tasks/:task_id/cancel', { POST: (c) => cancel(sim, c) });
}
