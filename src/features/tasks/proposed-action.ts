/** What a task awaiting review asks to be approved: the action of the latest pending step of its
 *  trace, with its arguments, read from a `/result` feed whose item shape the API does not document
 *  (decision 0010) — pure, and tolerant of any layout; it never throws. */

export interface ProposedAction {
  /** The tool or action the agent wants to run (`send_email`), when the step names one. */
  name: string | undefined;
  /** Its arguments as sent: usually an object, else a string or whatever the step holds. */
  args: unknown;
  /** Why it needs approval, when the step says. */
  reason: string | undefined;
  /** The step's position in the feed (0-based). */
  index: number;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function lower(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

const REVIEW_KINDS: ReadonlySet<string> = new Set([
  'review',
  'review_request',
  'approval',
  'approval_request',
  'awaiting_review',
  'human_review',
  'pending_approval',
  'requires_approval',
]);
const PENDING_STATES: ReadonlySet<string> = new Set([
  'pending',
  'awaiting_review',
  'awaiting_approval',
  'pending_approval',
  'pending_review',
  'requires_approval',
  'needs_approval',
]);
const TOOL_KINDS: ReadonlySet<string> = new Set([
  'tool_call',
  'tool_use',
  'function_call',
  'action',
]);
const DECIDED: readonly string[] = ['decision', 'approved', 'decided_at', 'reviewed_at'];

/** A step's action: `name`, `tool`, `tool_name`, `action`, or the name inside `function`/`tool`. */
function nameOf(item: Record<string, unknown>): string | undefined {
  const fn = asRecord(item.function);
  const tool = asRecord(item.tool);
  const action = asRecord(item.action);
  return [item.name, item.tool, item.tool_name, item.action, fn?.name, tool?.name, action?.name]
    .map(text)
    .find((name) => name !== undefined);
}

/** Arguments as objects, or JSON strings of them (function-calling layouts). */
function argsOf(item: Record<string, unknown>): unknown {
  const fn = asRecord(item.function);
  const action = asRecord(item.action);
  const found = [
    item.arguments,
    item.args,
    item.input,
    item.parameters,
    item.params,
    fn?.arguments,
    action?.arguments,
    action?.args,
    action?.input,
  ].find((value) => value !== undefined && value !== null);
  if (typeof found !== 'string') return found;
  try {
    const parsed: unknown = JSON.parse(found);
    return asRecord(parsed) ?? found;
  } catch {
    return found;
  }
}

function reasonOf(item: Record<string, unknown>): string | undefined {
  const content = item.content;
  const fromContent = Array.isArray(content)
    ? content.map((block) => text(asRecord(block)?.text) ?? text(block)).find(Boolean)
    : text(content);
  return text(item.reason) ?? fromContent ?? text(item.message) ?? text(item.text);
}

/** Decided already: a decision in the step or its output (the simulator records it there). */
function isDecided(item: Record<string, unknown>): boolean {
  const output = asRecord(item.output) ?? asRecord(item.result);
  return DECIDED.some((field) => item[field] !== undefined || output?.[field] !== undefined);
}

function isReviewStep(item: Record<string, unknown>): boolean {
  const kinds = [item.type, item.kind, item.event, item.step_type].map(lower);
  if (kinds.some((kind) => kind !== undefined && REVIEW_KINDS.has(kind))) return true;
  const state = lower(item.status) ?? lower(item.state);
  if (state !== undefined && PENDING_STATES.has(state)) return true;
  return [item.requires_approval, item.needs_approval, item.review_required].includes(true);
}

/** A tool call the agent made but that has no output yet: where a step waiting to run is. */
function isOpenToolCall(item: Record<string, unknown>): boolean {
  const kind = lower(item.type) ?? lower(item.kind);
  const looksLikeCall = kind !== undefined ? TOOL_KINDS.has(kind) : nameOf(item) !== undefined;
  return (
    looksLikeCall &&
    argsOf(item) !== undefined &&
    item.output === undefined &&
    item.result === undefined
  );
}

function toAction(item: Record<string, unknown>, index: number): ProposedAction {
  return { name: nameOf(item), args: argsOf(item), reason: reasonOf(item), index };
}

/**
 * The latest undecided review step of `feed`; without one, the last tool call still without an
 * output (the step the agent paused before); undefined when neither is there.
 */
export function proposedAction(feed: readonly unknown[]): ProposedAction | undefined {
  for (let index = feed.length - 1; index >= 0; index--) {
    const item = asRecord(feed[index]);
    if (item && isReviewStep(item)) return isDecided(item) ? undefined : toAction(item, index);
  }
  for (let index = feed.length - 1; index >= 0; index--) {
    const item = asRecord(feed[index]);
    if (item && isOpenToolCall(item)) return toAction(item, index);
  }
  return undefined;
}

export type ArgumentRow =
  { key: string; kind: 'text'; text: string } | { key: string; kind: 'json'; json: string };

/** Keys shown first, in this order, when present: who, then what. */
const FIRST_KEYS = ['to', 'recipient', 'recipients', 'cc', 'bcc', 'subject', 'title', 'body'];

function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** One value as text where it is text (strings, numbers, lists of them), else as JSON. */
function rowOf(key: string, value: unknown): ArgumentRow {
  if (value === null || value === undefined) return { key, kind: 'text', text: '(none)' };
  if (typeof value === 'string') return { key, kind: 'text', text: value };
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { key, kind: 'text', text: String(value) };
  }
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((entry) => typeof entry === 'string' || typeof entry === 'number')
  ) {
    return { key, kind: 'text', text: value.join(', ') };
  }
  return { key, kind: 'json', json: jsonOf(value) };
}

/**
 * The arguments as rows to show: an object's every field (recipient, subject and body first),
 * anything else as one row — nothing hidden for being of an unknown shape.
 */
export function argumentRows(args: unknown): ArgumentRow[] {
  const record = asRecord(args);
  if (!record) return args === undefined ? [] : [rowOf('Arguments', args)];
  const keys = Object.keys(record);
  const ordered = [
    ...FIRST_KEYS.filter((key) => keys.includes(key)),
    ...keys.filter((key) => !FIRST_KEYS.includes(key)),
  ];
  return ordered.map((key) => rowOf(key, record[key]));
}
