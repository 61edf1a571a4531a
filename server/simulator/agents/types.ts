/** The contract between the simulator's engine (time, status, HTTP) and its scripted agents (what
 *  an agent says and does with its input): a script is a generator of steps (decision 0003). */

/** A file as a script reads it: the multipart part's name, type ("" if none), size and bytes. */
export interface InputFile {
  name: string;
  type: string;
  size: number;
  /** Empty when `dropped`: the simulator let go of them before the agent read them. */
  bytes: Uint8Array;
  dropped?: boolean;
}

/** A run's file as its task keeps it: the bytes only until the agent has read them. */
export interface RunFile {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  /** Bytes still held: `size` until the file is read or dropped, then 0. */
  readonly heldBytes: number;
  /** Hands the file to `reader` once, then drops its bytes; returns a deep copy of its result. */
  read<T>(reader: (file: InputFile) => T): T;
  /** Drops the bytes unread (the task ended, or the cap needs the room). */
  release(): void;
}

/** `TaskOutputConfig` as sent by the client. */
export interface OutputConfig {
  output_schema?: string | null | undefined;
  instructions?: string | null | undefined;
}

export interface RunInput {
  /** The user's query, or null when only files were sent. */
  query: string | null;
  files: RunFile[];
  outputConfig: OutputConfig | null;
}

export interface ScriptContext {
  /** Deterministic PRNG in [0, 1), seeded per task from the simulator seed. */
  random: () => number;
  /** Number of tool steps the long-trace agent produces (simulator option, default 10,000). */
  longTraceSteps: number;
}

/** What the engine sends back into the generator after a suspending step. */
export type Resume =
  | { kind: 'answer'; text: string }
  | { kind: 'review'; approved: boolean; note: string | null }
  | undefined;

interface StepBase {
  /** Virtual milliseconds the step takes before it lands in the feed (default 400). */
  durationMs?: number;
}

/** An assistant message. */
export interface MessageStep extends StepBase {
  kind: 'message';
  content: string;
}

export interface ToolCallStep extends StepBase {
  kind: 'tool_call';
  name: string;
  arguments: Record<string, unknown>;
  output: unknown;
}

/** A question to the user: `waiting_for_input` until a message resumes it with `answer`. */
export interface AskUserStep extends StepBase {
  kind: 'ask_user';
  question: string;
}

/** A pause before a sensitive step: `awaiting_review` until the control route decides it. */
export interface ReviewStep extends StepBase {
  kind: 'review';
  /** The tool to run once approved ("send_email"), its arguments, and why a person must look. */
  name: string;
  arguments: Record<string, unknown>;
  reason: string;
}

/** The answer (Markdown), with `extracted_data`: the task is `completed`. */
export interface CompleteStep extends StepBase {
  kind: 'complete';
  summary: string;
  extractedData?: unknown;
}

/** An `error` feed item: the task is `failed`. */
export interface FailStep extends StepBase {
  kind: 'fail';
  error: string;
}

export type ScriptStep =
  MessageStep | ToolCallStep | AskUserStep | ReviewStep | CompleteStep | FailStep;

/** Ends with `complete` or `fail`; returning without either completes with the last message. */
export type AgentScript = (
  input: RunInput,
  ctx: ScriptContext,
) => Generator<ScriptStep, void, Resume>;

/** One seeded agent version; its age at simulator start gives a deterministic `created_at`. */
export interface SeedAgentVersion {
  version_number: number;
  status: 'draft' | 'published' | 'archived';
  is_active: boolean;
  system_prompt: string;
  created_minutes_ago: number;
}

/** A logical seeded agent (one agent group) with its versions and its behaviour. */
export interface SeedAgent {
  /** Stable key used by tests and docs, e.g. "summarizer". */
  key: string;
  name: string;
  /** Sent as `description`, a simulator choice (decision 0002); left out when absent. */
  description?: string;
  /** Merged into every version's `config`. */
  config: Record<string, unknown>;
  versions: SeedAgentVersion[];
  /** Left out only when every version is inactive (runs are refused before a script). */
  script?: AgentScript;
}
