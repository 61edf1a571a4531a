/** A small in-memory Agents API for page tests (tasks, list filters and cursors, answer, trace,
 *  messages, an agent, backend info), built on `stubFetch`. */
import { act } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { json, stubFetch, type RecordedRequest } from './fetch-stub';

export interface FakeTask {
  task_id: string;
  agent_id: string;
  agent_name?: string;
  status: string;
  title: string;
  created_at: string;
  updated_at: string;
}

export interface FakeApiOptions {
  /** Items of GET /tasks carry no `status` (the docs' list example). */
  listWithoutStatus?: boolean;
  /** Answers this instead, when it returns a response (an outage, a 429…). */
  intercept?: (request: RecordedRequest) => Response | undefined;
}

const T0 = Date.parse('2026-05-11T10:00:00Z');
let counter = 0;

/** A task created `minutesAgo` before now (newest first means larger `order` is newer). */
export function fakeTask(overrides: Partial<FakeTask> & { order?: number } = {}): FakeTask {
  counter += 1;
  const { order = counter, ...rest } = overrides;
  const created = new Date(T0 + order * 1000).toISOString();
  return {
    task_id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    agent_id: 'agent-a',
    agent_name: 'Invoice Extractor',
    status: 'running',
    title: `Task ${counter}`,
    created_at: created,
    updated_at: created,
    ...rest,
  };
}

export function fakeApi(initial: FakeTask[], options: FakeApiOptions = {}) {
  const tasks = new Map(initial.map((task) => [task.task_id, { ...task }]));
  const feeds = new Map<string, unknown[]>();
  const messages = new Map<string, unknown[]>();
  const state = { options };

  const list = (params: URLSearchParams) => {
    const statuses = params.get('status')?.split(',');
    const agent = params.get('agent_id');
    const q = params.get('q')?.toLowerCase();
    const rows = [...tasks.values()]
      .filter(
        (task) =>
          (!statuses || statuses.includes(task.status)) &&
          (!agent || task.agent_id === agent) &&
          (!q || task.title.toLowerCase().includes(q)),
      )
      .sort((a, b) => b.created_at.localeCompare(a.created_at));
    const start = Number(params.get('cursor') ?? '0');
    const limit = Number(params.get('limit') ?? '20');
    const page = rows.slice(start, start + limit).map((task) => {
      if (!state.options.listWithoutStatus) return task;
      const { status: _status, ...rest } = task;
      return rest;
    });
    const more = start + limit < rows.length;
    return json({ data: page, has_more: more, next_cursor: more ? String(start + limit) : null });
  };

  const { requests } = stubFetch((request) => {
    const intercepted = state.options.intercept?.(request);
    if (intercepted) return intercepted;
    const path = request.url.pathname;
    if (path === '/__console/backend') return json({ mode: 'simulator', label: 'Simulator' });
    if (path === '/api/v1/agents' || path.startsWith('/api/v1/agents/')) {
      const agent = { id: 'agent-a', name: 'Invoice Extractor', version_number: 1 };
      return path === '/api/v1/agents' ? json({ data: [agent], has_more: false }) : json(agent);
    }
    if (path === '/api/v1/tasks') return list(request.url.searchParams);
    const match = /^\/api\/v1\/tasks\/([^/]+)(\/[a-z]+)?$/.exec(path);
    const task = match?.[1] ? tasks.get(decodeURIComponent(match[1])) : undefined;
    if (!match || !task) return json({ error: 'Task not found.' }, { status: 404 });
    switch (match[2]) {
      case undefined:
        return json(task);
      case '/summary':
        return json({ ...task, result: { summary: `The answer while ${task.status}.` } });
      case '/result':
        return json({ ...task, feed: feeds.get(task.task_id) ?? [] });
      case '/messages':
        return json({ data: messages.get(task.task_id) ?? [] });
      default:
        return json({ error: 'Not found.' }, { status: 404 });
    }
  });

  return {
    requests,
    /** Changes a task as the platform would; `updated_at` moves on unless given. */
    update(taskId: string, patch: Partial<FakeTask>): void {
      const task = tasks.get(taskId);
      if (!task) throw new Error(`no task ${taskId}`);
      const at = new Date(Date.parse(task.updated_at) + 1_000).toISOString();
      tasks.set(taskId, { ...task, updated_at: at, ...patch });
    },
    add(...added: FakeTask[]): void {
      for (const task of added) tasks.set(task.task_id, { ...task });
    },
    setFeed(taskId: string, feed: unknown[]): void {
      feeds.set(taskId, feed);
    },
    setMessages(taskId: string, list: unknown[]): void {
      messages.set(taskId, list);
    },
    set options(next: FakeApiOptions) {
      state.options = next;
    },
    /** Requests to `path` (exact), optionally with a query parameter set to a value. */
    reads(path: string, param?: [string, string | null]): RecordedRequest[] {
      return requests.filter(
        (request) =>
          request.url.pathname === path &&
          (!param || request.url.searchParams.get(param[0]) === param[1]),
      );
    },
  };
}

/**
 * Faked time for a whole-app test file: every test starts on a fake clock that still moves on
 * its own (so Testing Library's waits work) and with empty storage; `advance` runs `ms` of it.
 */
export function withFakeTime(): { advance: (ms: number) => Promise<void> } {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
  return {
    advance: async (ms) => {
      await act(() => vi.advanceTimersByTimeAsync(ms));
    },
  };
}
