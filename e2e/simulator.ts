/** A handle on the simulator's `/__sim/` control routes for end-to-end tests: reset the world,
 *  resolve reviews, inject faults, and read what the server actually received. */
import { expect, type APIRequestContext } from '@playwright/test';
import type {
  LoggedPart,
  RequestLogEntry,
  RequestLogFilter,
} from '../server/simulator/request-log';
import { E2E_API_KEY, SIMULATOR_URL } from './env';

/** What `GET /__sim/requests` returns per request: the simulator's own type, over the wire. */
export type LoggedRequest = RequestLogEntry;
export type { LoggedPart };

export interface Fault {
  status: number;
  count?: number;
  error?: string;
  retry_after?: number;
  method?: string;
  path?: string;
}

export class SimulatorHandle {
  readonly url = SIMULATOR_URL;
  readonly apiKey = E2E_API_KEY;

  constructor(private readonly request: APIRequestContext) {}

  /** The control routes take the simulator's key, like its API. */
  private get control() {
    return { headers: { Authorization: `Bearer ${this.apiKey}` } };
  }

  async reset(): Promise<void> {
    await this.ok(this.request.post(`${this.url}/__sim/reset`, this.control));
  }

  async review(taskId: string, decision: 'approve' | 'reject', note?: string): Promise<void> {
    await this.ok(
      this.request.post(`${this.url}/__sim/tasks/${taskId}/review`, {
        ...this.control,
        data: { decision, note },
      }),
    );
  }

  async injectFault(fault: Fault): Promise<void> {
    await this.ok(this.request.post(`${this.url}/__sim/faults`, { ...this.control, data: fault }));
  }

  async clearFaults(): Promise<void> {
    await this.ok(this.request.delete(`${this.url}/__sim/faults`, this.control));
  }

  /** Changes the share of 5xx answers and the rate limit at run time (a reset restores them). */
  async configure(settings: { error_rate?: number; rate_limit?: number }): Promise<void> {
    await this.ok(
      this.request.post(`${this.url}/__sim/config`, { ...this.control, data: settings }),
    );
  }

  /** Makes the simulator read like another backend (a reset clears it): see chaos.ts. */
  async quirks(quirks: {
    nulls?: boolean;
    extra_fields?: boolean;
    hostile_agent?: boolean;
    list_without_status?: boolean;
  }) {
    await this.ok(this.request.post(`${this.url}/__sim/quirks`, { ...this.control, data: quirks }));
  }

  /** Requests the simulator answered on /api/v1, oldest first. */
  async requests(filter: RequestLogFilter = {}): Promise<LoggedRequest[]> {
    const params = new URLSearchParams();
    if (filter.path) params.set('path', filter.path);
    if (filter.method) params.set('method', filter.method);
    const response = await this.request.get(
      `${this.url}/__sim/requests?${params.toString()}`,
      this.control,
    );
    expect(response.ok()).toBe(true);
    const json = (await response.json()) as { data: LoggedRequest[] };
    return json.data;
  }

  /** Calls the simulator's API directly (not through the dashboard's proxy). */
  async api(path: string, init: { method?: string; key?: string | null; data?: unknown } = {}) {
    const key = init.key === undefined ? this.apiKey : init.key;
    return this.request.fetch(`${this.url}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: key === null ? {} : { Authorization: `Bearer ${key}` },
      data: init.data,
    });
  }

  /** The published version's id of a seeded agent, by its key (`invoice`, `researcher`, …). */
  async agentId(key: string): Promise<string> {
    const response = await this.request.get(`${this.url}/__sim/seed`, this.control);
    const seed = (await response.json()) as {
      data: { key: string; published_id: string | null }[];
    };
    const id = seed.data.find((agent) => agent.key === key)?.published_id;
    if (!id) throw new Error(`no published seeded agent ${key}`);
    return id;
  }

  /** Starts a task straight through the API (not the dashboard), as a script would. */
  async run(key: string, query: string): Promise<string> {
    const response = await this.api(`/agents/${await this.agentId(key)}/run`, {
      method: 'POST',
      data: { query },
    });
    expect(response.ok()).toBe(true);
    return ((await response.json()) as { task_id: string }).task_id;
  }

  /** Starts a task with one file straight through the API: a multipart run, as a script would. */
  async runWithFile(
    key: string,
    query: string,
    file: { name: string; mimeType: string; buffer: Buffer },
  ): Promise<string> {
    const response = await this.request.post(
      `${this.url}/api/v1/agents/${await this.agentId(key)}/run`,
      { headers: { Authorization: `Bearer ${this.apiKey}` }, multipart: { query, files: file } },
    );
    expect(response.ok(), `run → ${response.status()} ${await response.text()}`).toBe(true);
    return ((await response.json()) as { task_id: string }).task_id;
  }

  /** Every task's state as the simulator holds it, past any injected failure or rate limit. */
  async heldTasks(): Promise<{ task_id: string; status: string }[]> {
    const response = await this.request.get(`${this.url}/__sim/tasks`, this.control);
    expect(response.ok()).toBe(true);
    return ((await response.json()) as { data: { task_id: string; status: string }[] }).data;
  }

  /** A task's state, read straight from the API. */
  async task(taskId: string): Promise<{ status: string; title?: string }> {
    return (await (await this.api(`/tasks/${taskId}`)).json()) as {
      status: string;
      title?: string;
    };
  }

  private async ok(pending: ReturnType<APIRequestContext['get']>): Promise<void> {
    const response = await pending;
    expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBe(
      true,
    );
  }
}
