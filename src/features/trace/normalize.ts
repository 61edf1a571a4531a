/** Turns `/result` feed items into trace steps, looking for each field under the spellings agent
 *  APIs use (decision 0010). What cannot be placed stays `undefined` and the raw item is kept on
 *  every step. Pure and total: never a throw. */

export const STEP_KINDS = [
  'message',
  'tool_call',
  'ask_user',
  'task_complete',
  'error',
  'unknown',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface TraceStep {
  /** 0-based position in the feed. People see `index + 1` (`#1` is the first step). */
  index: number;
  kind: StepKind;
  /** The tool or step name (`search`, `ask_user`), when the item names one. */
  name: string | undefined;
  role: string | undefined;
  /** Epoch ms of the item's own timestamp. */
  time: number | undefined;
  /** True when `time` is when the step started (`started_at`); otherwise it is when the item was
   *  recorded, which for most backends is when the step ended. */
  timeIsStart: boolean;
  /** How long the step took, when the item says (`duration_ms`, or `ended_at − started_at`). */
  durationMs: number | undefined;
  /** Tool input; JSON strings are parsed. `undefined` when absent. */
  arguments: unknown;
  /** Tool output, message text, or result. `undefined` when absent. */
  output: unknown;
  /** What went wrong, when the item reports an error. `undefined` otherwise. */
  error: unknown;
  /** The item exactly as the server sent it. */
  raw: unknown;
}

/** A step with its place in time, relative to the task (`normalizeFeed`). */
export interface TimedStep extends TraceStep {
  /** `time` minus the task's start, when both are known. */
  offsetMs: number | undefined;
  /** Time from this step to the next step that has a time. */
  untilNextMs: number | undefined;
}

export interface NormalizedFeed {
  steps: TimedStep[];
  /** Epoch ms the offsets count from: the task's `created_at`, else the earliest step time. */
  start: number | undefined;
  /** The latest step time (or step end), when any step has a time. */
  end: number | undefined;
}

// ---------------------------------------------------------------------------------------------
// Field spellings (decision 0010). Paths are tried in order; the first present value wins.

type Path = readonly (string | number)[];

const KIND_FIELDS = ['type', 'kind', 'event', 'object', 'step_type', 'event_type'] as const;
const ROLE_PATHS: readonly Path[] = [['role'], ['author', 'role'], ['sender']];
const NAME_PATHS: readonly Path[] = [
  ['name'],
  ['tool'],
  ['tool', 'name'],
  ['tool_name'],
  ['toolName'],
  ['function', 'name'],
  ['function_call', 'name'],
  ['tool_calls', 0, 'function', 'name'],
  ['tool_calls', 0, 'name'],
];
const ARGUMENT_PATHS: readonly Path[] = [
  ['arguments'],
  ['input'],
  ['args'],
  ['parameters'],
  ['function', 'arguments'],
  ['function_call', 'arguments'],
  ['tool_calls', 0, 'function', 'arguments'],
  ['tool_calls', 0, 'arguments'],
];
const OUTPUT_FIELDS = [
  'output',
  'result',
  'content',
  'response',
  'observation',
  'text',
  'outputs',
] as const;
const TIME_FIELDS = ['timestamp', 'created_at', 'createdAt', 'at', 'time'] as const;
const START_FIELDS = ['started_at', 'startedAt', 'start_time', 'startTime'] as const;
const END_FIELDS = ['ended_at', 'endedAt', 'completed_at', 'finished_at', 'end_time'] as const;
const DURATION_MS_FIELDS = ['duration_ms', 'durationMs', 'latency_ms', 'latencyMs', 'elapsed_ms'];
const DURATION_S_FIELDS = ['duration_s', 'duration_seconds', 'latency_s', 'elapsed_s'];
const ERROR_FIELDS = ['error', 'exception', 'error_message', 'errorMessage'] as const;
const ERROR_STATUSES = new Set(['error', 'errored', 'failed', 'failure', 'exception']);

/** Words a kind field (or a role) may hold, after `wordOf`, and the kind each one means. */
const KIND_WORDS_BY_NAME: Readonly<Record<string, StepKind>> = {
  message: 'message',
  messages: 'message',
  assistant_message: 'message',
  user_message: 'message',
  system_message: 'message',
  agent_message: 'message',
  chat: 'message',
  text: 'message',
  reasoning: 'message',
  thought: 'message',
  thinking: 'message',
  assistant: 'message',
  user: 'message',
  system: 'message',
  human: 'message',
  ai: 'message',
  model: 'message',
  agent: 'message',
  llm: 'message',
  new_message: 'message',
  tool_call: 'tool_call',
  tool_calls: 'tool_call',
  tool: 'tool_call',
  tool_use: 'tool_call',
  tool_result: 'tool_call',
  tool_output: 'tool_call',
  function: 'tool_call',
  function_call: 'tool_call',
  function_call_output: 'tool_call',
  action: 'tool_call',
  observation: 'tool_call',
  mcp_call: 'tool_call',
  ask_user: 'ask_user',
  ask_human: 'ask_user',
  question: 'ask_user',
  input_request: 'ask_user',
  human_input: 'ask_user',
  request_input: 'ask_user',
  user_input_request: 'ask_user',
  waiting_for_input: 'ask_user',
  interrupt: 'ask_user',
  task_complete: 'task_complete',
  complete: 'task_complete',
  completed: 'task_complete',
  final: 'task_complete',
  final_answer: 'task_complete',
  finish: 'task_complete',
  finished: 'task_complete',
  done: 'task_complete',
  error: 'error',
  errors: 'error',
  exception: 'error',
  failure: 'error',
  failed: 'error',
  fail: 'error',
};
// Read through a Map: the word comes from the feed, and `constructor` must not find `Object`.
const KIND_WORDS: ReadonlyMap<string, StepKind> = new Map(Object.entries(KIND_WORDS_BY_NAME));

/** Single words inside a longer name (`on_tool_start`, `ToolCallFailed`), strongest first. */
const KIND_TOKENS: readonly (readonly [string, StepKind])[] = [
  ['error', 'error'],
  ['exception', 'error'],
  ['failed', 'error'],
  ['ask', 'ask_user'],
  ['question', 'ask_user'],
  ['interrupt', 'ask_user'],
  ['tool', 'tool_call'],
  ['function', 'tool_call'],
  ['action', 'tool_call'],
  ['final', 'task_complete'],
  ['complete', 'task_complete'],
  ['message', 'message'],
  ['chat', 'message'],
  ['llm', 'message'],
  ['reasoning', 'message'],
];

// ---------------------------------------------------------------------------------------------
// Readers

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function at(value: unknown, path: Path): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      const record = asRecord(current);
      if (!record) return undefined;
      current = record[key];
    }
  }
  return current;
}

function firstAt(item: unknown, paths: readonly Path[], accept: (value: unknown) => boolean) {
  for (const path of paths) {
    const value = at(item, path);
    if (accept(value)) return value;
  }
  return undefined;
}

const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';

/** `"ToolCall.Started"` → `tool_call_started`; `"thread.message"` → `thread_message`. */
function wordOf(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The kind a word names: exactly, by its last dotted part (`thread.message`), or by a token. */
export function kindOfWord(value: string): StepKind | undefined {
  const word = wordOf(value);
  if (word === '') return undefined;
  const exact = KIND_WORDS.get(word);
  if (exact) return exact;
  const last = wordOf(value.split(/[./:]/).at(-1) ?? '');
  const lastKind = KIND_WORDS.get(last);
  if (lastKind) return lastKind;
  const tokens = new Set(word.split('_'));
  if (tokens.has('ask') && !tokens.has('user') && !tokens.has('human')) tokens.delete('ask');
  return KIND_TOKENS.find(([token]) => tokens.has(token))?.[1];
}

/** A JSON string holding an object or array becomes that value; anything else is kept. */
function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

const MAX_DATE_MS = 8.64e15;

/** Epoch ms from an ISO string, or from epoch seconds or milliseconds (number or digits). */
export function parseTime(value: unknown): number | undefined {
  let number: number | undefined;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string') {
    const trimmed = value.trim();
    if (/^-?\d+(\.\d+)?$/.test(trimmed)) number = Number(trimmed);
    else if (trimmed !== '') {
      const parsed = Date.parse(trimmed);
      return Number.isNaN(parsed) || parsed <= 0 ? undefined : parsed;
    }
  }
  if (number === undefined || !Number.isFinite(number) || number <= 0) return undefined;
  // Below 1e11 a number reads as seconds (1e11 s is the year 5138; 1e11 ms is 1973).
  const ms = number < 1e11 ? Math.round(number * 1000) : Math.round(number);
  // Past the last instant a Date can hold, it names no time at all.
  return ms <= MAX_DATE_MS ? ms : undefined;
}

function firstField(record: Record<string, unknown>, fields: readonly string[]): unknown {
  for (const field of fields) if (present(record[field])) return record[field];
  return undefined;
}

function statedDuration(record: Record<string, unknown>): number | undefined {
  for (const field of DURATION_MS_FIELDS) {
    const value = record[field];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  }
  for (const field of DURATION_S_FIELDS) {
    const value = record[field];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value * 1000;
  }
  return undefined;
}

function errorOf(record: Record<string, unknown>, output: unknown): unknown {
  for (const field of ERROR_FIELDS) {
    const value = record[field];
    if (present(value) && value !== false) return value;
  }
  const status = record.status ?? record.state;
  if (typeof status === 'string' && ERROR_STATUSES.has(status.toLowerCase())) {
    return firstField(record, ['message', 'reason', 'detail']) ?? output ?? status;
  }
  return undefined;
}

const HTTP_STATUS_FIELDS = ['status', 'status_code', 'statusCode', 'http_status', 'httpStatus'];
/** `502 Bad Gateway`, `HTTP/1.1 404 Not Found`: a status line, not `404 results`. */
const HTTP_STATUS_LINE = /^\s*(?:HTTP(?:\/\d(?:\.\d)?)?\s+)?([45]\d\d)\s+[A-Z][a-z]/;

const isHttpFailure = (value: unknown): boolean => {
  const code = typeof value === 'string' && /^\d{3}$/.test(value.trim()) ? Number(value) : value;
  return typeof code === 'number' && code >= 400 && code <= 599;
};

/**
 * A tool's output that reports a failure: an HTTP 4xx/5xx (a `status: 502` field or a status
 * line) or an error field of its own (`{ "error": { "status": 502 } }`).
 */
export function failedOutput(output: unknown): boolean {
  if (typeof output === 'string') return HTTP_STATUS_LINE.test(output);
  const record = asRecord(output);
  if (!record) return false;
  if (HTTP_STATUS_FIELDS.some((field) => isHttpFailure(record[field]))) return true;
  return ERROR_FIELDS.some((field) => present(record[field]) && record[field] !== false);
}

function nameOf(item: unknown): string | undefined {
  const value = firstAt(item, NAME_PATHS, isText);
  return typeof value === 'string' ? value.trim() : undefined;
}

/**
 * One feed item as a step. `index` is its position in the feed. Every spelling is in decision
 * 0010; the order of the checks below is the order of precedence.
 */
export function normalizeItem(raw: unknown, index: number): TraceStep {
  const record = asRecord(raw);
  if (!record) {
    // A bare string is something said; any other non-object is shown as JSON.
    const text = typeof raw === 'string';
    return {
      index,
      kind: text ? 'message' : 'unknown',
      name: undefined,
      role: undefined,
      time: undefined,
      timeIsStart: false,
      durationMs: undefined,
      arguments: undefined,
      output: text ? raw : undefined,
      error: undefined,
      raw,
    };
  }

  const name = nameOf(record);
  const roleValue = firstAt(record, ROLE_PATHS, isText);
  const role = typeof roleValue === 'string' ? roleValue : undefined;
  const rawArguments = firstAt(record, ARGUMENT_PATHS, present);
  const output = firstField(record, OUTPUT_FIELDS);
  const error = errorOf(record, output);

  let kind: StepKind | undefined;
  for (const field of KIND_FIELDS) {
    const value = record[field];
    if (typeof value === 'string') kind = kindOfWord(value);
    if (kind) break;
  }
  // The API names its special steps (`ask_user`, `task_complete`) as tools: the name decides.
  const named = name === undefined ? undefined : wordOf(name);
  if ((named === 'ask_user' || named === 'task_complete') && kind !== 'error') kind = named;
  if (!kind && error !== undefined) kind = 'error';
  if (!kind && (present(record.tool_calls) || present(record.function_call))) kind = 'tool_call';
  if (!kind && name !== undefined && rawArguments !== undefined) kind = 'tool_call';
  if (!kind && role) kind = kindOfWord(role);
  if (!kind && typeof output === 'string' && role === undefined && Object.keys(record).length <= 3)
    kind = 'message';
  // A tool call whose output reports an HTTP error or an error failed, whatever else it says.
  const failed = error ?? (kind === 'tool_call' && failedOutput(output) ? output : undefined);

  const started = parseTime(firstField(record, START_FIELDS));
  const ended = parseTime(firstField(record, END_FIELDS));
  const recorded = parseTime(firstField(record, TIME_FIELDS));
  const time = started ?? recorded ?? ended;
  const durationMs =
    statedDuration(record) ??
    (started !== undefined && ended !== undefined && ended >= started
      ? ended - started
      : undefined);

  return {
    index,
    kind: kind ?? 'unknown',
    name,
    role,
    time,
    timeIsStart: started !== undefined,
    durationMs,
    arguments: rawArguments === undefined ? undefined : parseJsonText(rawArguments),
    output,
    error: failed ?? (kind === 'error' ? (output ?? 'error') : undefined),
    raw,
  };
}

/**
 * The whole feed as steps, each with its offset from the task's start (`taskStart`, epoch ms;
 * the earliest step time when the task's is unknown) and the time until the next timed step.
 */
export function normalizeFeed(feed: readonly unknown[], taskStart?: number): NormalizedFeed {
  const steps: TimedStep[] = new Array<TimedStep>(feed.length);
  let earliest: number | undefined;
  let latest: number | undefined;
  for (let index = 0; index < feed.length; index++) {
    const step = normalizeItem(feed[index], index);
    steps[index] = { ...step, offsetMs: undefined, untilNextMs: undefined };
    if (step.time !== undefined) {
      const end = step.timeIsStart ? step.time + (step.durationMs ?? 0) : step.time;
      if (earliest === undefined || step.time < earliest) earliest = step.time;
      if (latest === undefined || end > latest) latest = end;
    }
  }
  const start = taskStart ?? earliest;
  let nextTime: number | undefined;
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index] as TimedStep;
    if (step.time === undefined) continue;
    if (start !== undefined) step.offsetMs = step.time - start;
    if (nextTime !== undefined) step.untilNextMs = Math.max(0, nextTime - step.time);
    nextTime = step.time;
  }
  return { steps, start, end: latest };
}

/** How a kind is written on screen and in exports. */
export const KIND_LABELS: Readonly<Record<StepKind, string>> = {
  message: 'Message',
  tool_call: 'Tool call',
  ask_user: 'Ask user',
  task_complete: 'Task complete',
  error: 'Error',
  unknown: 'Unknown',
};

/** The name worth showing beside the kind: none when it only repeats it (`ask_user ask_user`). */
export function displayName(step: Pick<TraceStep, 'kind' | 'name'>): string | undefined {
  if (step.name === undefined) return undefined;
  return wordOf(step.name) === step.kind ? undefined : step.name;
}
