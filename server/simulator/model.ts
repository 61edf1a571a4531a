/** The simulator's in-memory records (epoch-ms times, internal bookkeeping) and the wire shapes
 *  `present.ts` turns them into, kept apart so no internal field leaks into an answer. */
import type { AgentScript, RunInput } from './agents/types';

export const TASK_STATUSES = [
  'pending',
  'queued',
  'running',
  'waiting_for_input',
  'awaiting_review',
  'completed',
  'failed',
  'stopped',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set([
  'completed',
  'failed',
  'stopped',
]);

/** Statuses holding one of the agent version's slots: a paused task keeps its slot, so a reply
 *  resumes it straight to `running`. */
export const SLOT_STATUSES: ReadonlySet<TaskStatus> = new Set([
  'running',
  'waiting_for_input',
  'awaiting_review',
]);

export const AGENT_VERSION_STATUSES = ['draft', 'published', 'archived'] as const;
export type AgentVersionStatus = (typeof AGENT_VERSION_STATUSES)[number];

export interface AgentRecord {
  id: string;
  groupId: string;
  versionNumber: number;
  status: AgentVersionStatus;
  name: string;
  /** Absent for an agent seeded without one. */
  description?: string;
  config: Record<string, unknown>;
  isActive: boolean;
  createdAt: number;
  updatedAt: number;
  /** Insertion order; breaks `createdAt` ties so list order and cursors are total. */
  seq: number;
  /** Null only for an inactive agent (the run route refuses it with 403 first). */
  script: AgentScript | null;
  /** The seeded agent this version belongs to, e.g. "summarizer". */
  seedKey: string;
}

export type FeedItemType =
  'message' | 'tool_call' | 'ask_user' | 'review' | 'task_complete' | 'error';
export type FeedRole = 'user' | 'assistant' | 'tool';

/** `result` of the `task_complete` item, shaped like an MCP `CallToolResult`. */
export interface TaskCompleteResult {
  content: { type: 'text'; text: string }[];
  structuredContent: { summary: string; extracted_data?: unknown };
}

/** One feed entry. Every item has every field; unused ones are null (one stable shape). */
export interface FeedItem {
  id: string;
  type: FeedItemType;
  name: string | null;
  role: FeedRole;
  arguments: Record<string, unknown> | null;
  content: unknown;
  output: unknown;
  result: TaskCompleteResult | null;
  created_at: string;
  duration_ms: number | null;
}

export interface MessageRecord {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: number;
  userId: string | null;
  parentId: string | null;
}

export interface TaskRecord {
  id: string;
  agentId: string;
  seq: number;
  status: TaskStatus;
  /** Null until the orchestrator picks the task up (the API omits `title` until then). */
  title: string | null;
  createdAt: number;
  updatedAt: number;
  input: RunInput;
  feed: FeedItem[];
  messages: MessageRecord[];
}
