/** Agent endpoints. Each takes the `AbortSignal` React Query hands the query function, so a
 *  superseded request (filter typed further, component unmounted) is cancelled on the wire. */
import { requestJson } from './http';
import { Agent, AgentPage, type AgentStatus } from './schemas';

export interface ListAgentsParams {
  cursor?: string | undefined;
  /** 1–100; the API's default is 20. */
  limit?: number | undefined;
  /** Case-insensitive substring of the agent's name. */
  q?: string | undefined;
  /** Omitted → everything except archived (the API's default). */
  status?: readonly AgentStatus[] | undefined;
}

export function listAgents(params: ListAgentsParams, signal?: AbortSignal): Promise<AgentPage> {
  return requestJson('/api/v1/agents', {
    query: { cursor: params.cursor, limit: params.limit, q: params.q, status: params.status },
    signal,
    schema: AgentPage,
  });
}

export function getAgent(agentId: string, signal?: AbortSignal): Promise<Agent> {
  return requestJson(`/api/v1/agents/${encodeURIComponent(agentId)}`, { signal, schema: Agent });
}
