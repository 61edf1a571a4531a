/**
 * The contract between the simulator's engine (which owns time, task status and the HTTP API)
 * and its scripted agents (which own *what* an agent says and does with its input).
 *
 * A scripted agent is a generator. The engine pulls one step at a time, waits the step's
 * virtual `durationMs` on the simulator clock, appends it to the task's feed, and then pulls
 * the next one. Steps that need the outside world (`ask_user`, `review`) suspend the task
 * until the engine resumes the generator with the answer (`gen.next(resume)`).
 *
 * Scripts are pure functions of their input and `ctx.random`: same seed, same input -> same
 * steps. They never touch the clock, the store or the network. They read each file once
 * (`RunFile.read`), when they need it, and keep only what they derive from it.
 */

/** A file as a script reads it: the multipart part's facts and its bytes. */
export interface InputFile {
  /** The part's filename, e.g. "march-invoice.txt". */
  name: string;
  /** The part's declared content type ("" when the client sent none). */
  type: string;
  size: number;
  /** Empty when `dropped`. */
  bytes: Uint8Array;
  /** The simulator dropped the bytes before the agent read them (its cap on held uploads). */
  dropped?: boolean;
}

/**
 * A file of a run as its task keeps it: name, type and size for good, the bytes only until the
 * agent has read them, so a run that has been read holds no upload (`input-files.ts`).
 */
export interface RunFile {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  /** Bytes still held: `size` until the file is read or dropped, then 0. */
  readonly heldBytes: number;
  /**
   * Hands the file to `reader` once, then drops its bytes. What `reader` returns comes back as a
   * deep copy, so no string derived from the text keeps the whole text alive. A second read throws.
   */
  read<T>(reader: (file: InputFile) => T): T;
  /** Looks at the bytes without letting them go, for a cheap check such as the file's kind. */
  peek<T>(reader: (file: InputFile) => T): T;
  /** Drops the bytes unread (the task ended, or the cap needs the room). */
  release(): void;
}

/** `TaskOutputConfig` as sent by the client; both fields optional. */
export interface OutputConfig {
  output_schema?: string;
  instructions?: string;
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

/** An assistant message (intermediate reasoning or a final prose answer). */
export interface MessageStep extends StepBase {
  kind: 'message';
  content: string;
}

/** A tool call with its arguments and its output. */
export interface ToolCallStep extends StepBase {
  kind: 'tool_call';
  name: string;
  arguments: Record<string, unknown>;
  output: unknown;
}

/**
 * The agent asks the user a question. The task goes to `waiting_for_input`; the question is
 * also appended to the conversation (`/messages`) as an agent message. The generator is
 * resumed with `{ kind: 'answer', text }` once the user posts a message.
 */
export interface AskUserStep extends StepBase {
  kind: 'ask_user';
  question: string;
}

/**
 * The agent pauses before a sensitive step. The task goes to `awaiting_review` until the
 * simulator control route approves or rejects it; the generator is resumed with
 * `{ kind: 'review', approved, note }` and decides what happens next (a rejected review
 * normally ends in a `fail` step or a `complete` step that says nothing was sent).
 */
export interface ReviewStep extends StepBase {
  kind: 'review';
  /** The tool the agent wants to run once approved, e.g. "send_email". */
  name: string;
  arguments: Record<string, unknown>;
  /** Why a human must look, shown in the feed. */
  reason: string;
}

/** The final step: becomes the `task_complete` feed item and the task is `completed`. */
export interface CompleteStep extends StepBase {
  kind: 'complete';
  /** Markdown allowed. Goes to `result.structuredContent.summary`. */
  summary: string;
  /** Structured extraction; becomes `extracted_data` in `/summary`. */
  extractedData?: unknown;
}

/** The agent errors out: becomes an `error` feed item and the task is `failed`. */
export interface FailStep extends StepBase {
  kind: 'fail';
  error: string;
}

export type ScriptStep =
  MessageStep | ToolCallStep | AskUserStep | ReviewStep | CompleteStep | FailStep;

/**
 * A script ends by yielding `complete` or `fail`. If the generator returns without either,
 * the engine completes the task with the last message as its answer.
 */
export type AgentScript = (
  input: RunInput,
  ctx: ScriptContext,
) => Generator<ScriptStep, void, Resume>;

/** One seeded agent version. */
export interface SeedAgentVersion {
  version_number: number;
  status: 'draft' | 'published' | 'archived';
  is_active: boolean;
  /** Written into `config.system_prompt`. */
  system_prompt: string;
  /** Age of the version at simulator start, in minutes (deterministic `created_at`). */
  created_minutes_ago: number;
}

/** A logical seeded agent (one agent group) with its versions and its behaviour. */
export interface SeedAgent {
  /** Stable key used by tests and docs, e.g. "summarizer". */
  key: string;
  name: string;
  /** One line on what it is for, sent as `description` (a simulator choice: the API docs show
   *  no such field); left out of an agent that has none. */
  description?: string;
  /** Extra config keys (tools, model, …) merged into every version's `config`. */
  config: Record<string, unknown>;
  versions: SeedAgentVersion[];
  /**
   * What a run of it does. Optional only for an agent whose versions are all inactive: runs of
   * it are refused with 403 before a script is needed (the engine throws if one is missing).
   */
  script?: AgentScript;
}
