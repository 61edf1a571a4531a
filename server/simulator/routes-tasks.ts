/** `/api/v1/tasks…`: list, state, summary, result, message, messages and cancel. State changes
 *  go through the engine; these handlers validate, look up and present. */
import type { Context, Hono } from 'hono';
import { readJsonObject } from './body';
import { TASK_STATUSES, type TaskRecord } from './model';
import { paginate } from './pagination';
import {
  selectSummaryAnswer,
  toFeed,
  toPage,
  toTaskListItem,
  toTaskMessage,
  toTaskState,
} from './present';
import { ApiProblem } from './problem';
import { route } from './routing';
import type { Simulation } from './simulation';
import {
  MessageBody,
  parse,
  parseCommaList,
  parseCursor,
  parseIsoDateTime,
  parseLimit,
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

function listTasks(sim: Simulation, c: Context): Response {
  const limit = parseLimit(c.req.query('limit'));
  const agentId = c.req.query('agent_id');
  const agent = agentId === undefined ? undefined : requireUuid(agentId, 'agent_id');
  // Repeated parameters (status=a&status=b) read like one comma list.
  const status = c.req.queries('status')?.join(',');
  const statuses =
    status === undefined ? undefined : parseCommaList(status, TASK_STATUSES, 'status');
  const after = c.req.query('created_after');
  const before = c.req.query('created_before');
  const from = after === undefined ? -Infinity : parseIsoDateTime(after, 'created_after');
  const to = before === undefined ? Infinity : parseIsoDateTime(before, 'created_before');
  const q = c.req.query('q')?.trim().toLowerCase() ?? '';
  const cursor = parseCursor('tasks', c.req.query('cursor'));

  const rows = [...sim.workspace.tasks.values()].filter(
    (task) =>
      (agent === undefined || task.agentId === agent) &&
      (statuses === undefined || statuses.has(task.status)) &&
      task.createdAt >= from &&
      task.createdAt <= to &&
      (q === '' || (task.title?.toLowerCase().includes(q) ?? false)),
  );
  const name = (task: TaskRecord) =>
    sim.workspace.getAgent(task.agentId)?.name ?? '(deleted agent)';
  const page = paginate('tasks', rows, limit, cursor);
  return c.json(toPage(page, (task) => toTaskListItem(task, name(task), sim.quirks), sim.quirks));
}

async function postMessage(sim: Simulation, c: Context): Promise<Response> {
  const task = findTask(sim, c);
  const { message: text } = parse(MessageBody, await readJsonObject(c));
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

export function registerTaskRoutes(app: Hono, sim: Simulation): void {
  const state = (task: TaskRecord) => toTaskState(task, sim.quirks);
  route(app, '/api/v1/tasks', { GET: (c) => listTasks(sim, c) });
  route(app, '/api/v1/tasks/:task_id', { GET: (c) => c.json(state(findTask(sim, c))) });
  route(app, '/api/v1/tasks/:task_id/summary', {
    GET: (c) => {
      const task = findTask(sim, c);
      const answer = selectSummaryAnswer(task.feed, sim.quirks);
      return c.json({ ...state(task), ...(answer !== undefined ? { result: answer } : {}) });
    },
  });
  route(app, '/api/v1/tasks/:task_id/result', {
    GET: (c) => {
      const task = findTask(sim, c);
      return c.json({ ...state(task), feed: toFeed(task.feed, sim.quirks) });
    },
  });
  route(app, '/api/v1/tasks/:task_id/message', { POST: (c) => postMessage(sim, c) });
  route(app, '/api/v1/tasks/:task_id/messages', {
    GET: (c) => {
      const task = findTask(sim, c);
      return c.json({
        data: task.messages.map((message) => toTaskMessage(task, message, sim.quirks)),
      });
    },
  });
  route(app, '/api/v1/tasks/:task_id/cancel', {
    POST: (c) => {
      const task = findTask(sim, c);
      sim.engine.cancel(task);
      return c.json(state(task));
    },
  });
}
