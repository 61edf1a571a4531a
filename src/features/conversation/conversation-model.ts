/** Pure reading of a task's messages for the Conversation tab: who wrote each, what it says, the
 *  opening message and pending question, the question from `/result`, and whether a reply whose
 *  answer was lost arrived (`findDelivered`). Tolerant of every layout (API notes §2.6, §5.2). */
import type { TaskMessage } from '@/api/messages';

export type Sender = 'person' | 'agent';

const PERSON_ROLES: ReadonlySet<string> = new Set(['user', 'human', 'person']);
const AGENT_ROLES: ReadonlySet<string> = new Set([
  'assistant',
  'agent',
  'ai',
  'tool',
  'system',
  'model',
  'bot',
  'function',
]);

/** A `role` this build knows wins; otherwise a set `user_id` means a person wrote it. */
export function senderOf(message: Pick<TaskMessage, 'role' | 'user_id'>): Sender {
  const role = message.role?.trim().toLowerCase();
  if (role !== undefined && PERSON_ROLES.has(role)) return 'person';
  if (role !== undefined && AGENT_ROLES.has(role)) return 'agent';
  return message.user_id !== undefined ? 'person' : 'agent';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export type MessagePart = { kind: 'text'; text: string } | { kind: 'data'; value: unknown };

/** A content block that is text: `{type: "text", text}` or a bare `{text}`. */
function blockText(block: Record<string, unknown>): string | undefined {
  if (typeof block.text !== 'string') return undefined;
  return block.type === undefined || block.type === 'text' ? block.text : undefined;
}

function partOf(value: unknown): MessagePart | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string')
    return value.trim() === '' ? undefined : { kind: 'text', text: value };
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { kind: 'text', text: String(value) };
  }
  const record = asRecord(value);
  const text = record ? blockText(record) : undefined;
  if (text !== undefined) return text.trim() === '' ? undefined : { kind: 'text', text };
  return { kind: 'data', value };
}

/**
 * What a message says, in order: text (a string, text blocks) and data (anything else, shown as
 * JSON). An array is read as content blocks; empty text is dropped.
 */
export function messageParts(content: unknown): MessagePart[] {
  const values = Array.isArray(content) ? content : [content];
  return values.map(partOf).filter((part): part is MessagePart => part !== undefined);
}

/** The message as one string: its text parts, else its JSON. */
export function plainText(content: unknown): string {
  const parts = messageParts(content);
  const texts = parts.filter((part) => part.kind === 'text').map((part) => part.text);
  if (texts.length > 0) return texts.join('\n\n');
  return parts.length > 0 ? JSON.stringify(content) : '';
}

/** Text compared for "the same reply": whitespace runs collapsed, Unicode normalised. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export interface ConversationEntry {
  /** Stable per message: its id, or its position when the backend sent none. */
  key: string;
  message: TaskMessage;
  sender: Sender;
  /** The request that started the task (the run's query, stored as the first user message). */
  opening: boolean;
  /** The agent's question the task is waiting on. */
  question: boolean;
}

export interface ConversationView {
  entries: ConversationEntry[];
  /**
   * The task waits for input and the log holds no message of the agent at all: this backend
   * keeps its questions elsewhere, and the question comes from `/result`'s `ask_user` step.
   */
  questionMissing: boolean;
  /**
   * The task still says it waits for input, but the person answered the agent's last message:
   * the answer is on its way (the task resumes in a moment). Never a pending question again.
   */
  answered: boolean;
}

/**
 * Marks the opening message and the pending question. The question is the latest agent message
 * after the last person message, and only while the task is `waiting_for_input` (§7: "the newest
 * agent message is the question").
 */
export function describeConversation(
  messages: readonly TaskMessage[],
  status: string | undefined,
): ConversationView {
  const senders = messages.map((message) => senderOf(message));
  const lastPerson = senders.lastIndexOf('person');
  const lastAgent = senders.lastIndexOf('agent');
  const waiting = status === 'waiting_for_input';
  const questionIndex = waiting && lastAgent > lastPerson ? lastAgent : -1;
  const answered = waiting && lastAgent !== -1 && lastPerson > lastAgent;
  const seen = new Set<string>();
  const entries = messages.map((message, index): ConversationEntry => {
    // A repeated or missing id must not give two items one React key.
    const id = message.id !== undefined && !seen.has(message.id) ? message.id : `#${index}`;
    seen.add(id);
    return {
      key: id,
      message,
      sender: senders[index] ?? 'agent',
      opening: index === 0 && senders[0] === 'person',
      question: index === questionIndex,
    };
  });
  return { entries, questionMissing: waiting && lastAgent === -1, answered };
}

// ---------------------------------------------------------------------------------------------
// The question from `/result`

function lower(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim().toLowerCase() : undefined;
}

/** Tool arguments may be an object or, in function-calling layouts, a JSON string. */
function argumentsOf(value: unknown): Record<string, unknown> | string | undefined {
  if (typeof value === 'string') {
    try {
      return asRecord(JSON.parse(value)) ?? value;
    } catch {
      return value;
    }
  }
  return asRecord(value);
}

function isAskUser(item: Record<string, unknown>): boolean {
  const fn = asRecord(item.function);
  const tool = asRecord(item.tool);
  const names = [item.type, item.name, item.tool, item.tool_name, fn?.name, tool?.name];
  return names.some((name) => lower(name) === 'ask_user');
}

function questionIn(item: Record<string, unknown>): string | undefined {
  const fn = asRecord(item.function);
  const args = [item.arguments, item.input, item.args, fn?.arguments].map(argumentsOf);
  const candidates: unknown[] = [
    ...args.map((arg) => (typeof arg === 'string' ? undefined : arg?.question)),
    item.question,
    item.content === undefined ? undefined : plainText(item.content),
    item.text,
    ...args.filter((arg) => typeof arg === 'string'),
  ];
  return candidates.find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
}

function timeOf(value: unknown): number | undefined {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? undefined : time;
}

export type FeedQuestion =
  { state: 'pending'; text: string } | { state: 'answered' } | { state: 'none' };

/**
 * The feed's latest question, and whether the person's messages already answer it: a reply
 * written at or after the question's time answers it; without times, as many replies (person
 * messages after the opening request) as questions asked do.
 */
export function feedQuestion(
  feed: readonly unknown[],
  messages: readonly TaskMessage[],
): FeedQuestion {
  const asked = feed.map(asRecord).filter((item) => item !== undefined && isAskUser(item));
  const latest = asked.at(-1);
  const text = latest ? questionIn(latest) : undefined;
  if (!latest || text === undefined) return { state: 'none' };
  const persons = messages.filter((message) => senderOf(message) === 'person');
  const first = messages[0];
  const replies = persons.slice(first !== undefined && senderOf(first) === 'person' ? 1 : 0);
  const askedAt = timeOf(latest.created_at ?? latest.timestamp);
  const times = replies.map((reply) => timeOf(reply.created_at));
  const answered =
    askedAt !== undefined && times.every((time) => time !== undefined)
      ? times.some((time) => time !== undefined && time >= askedAt)
      : replies.length >= asked.length;
  return answered ? { state: 'answered' } : { state: 'pending', text };
}

/**
 * The question of the latest `ask_user` step in a `/result` feed whose item shape is unknown:
 * searched from the end for an item whose `type`, `name`, `tool` or `function.name` is
 * `ask_user`, its question taken from the arguments (`arguments`/`input`/`args`, objects or JSON
 * strings), a `question` field, or its `content`/`text`. Only the latest such step counts: an
 * earlier one was already answered.
 */
export function askUserQuestion(feed: readonly unknown[]): string | undefined {
  for (let index = feed.length - 1; index >= 0; index--) {
    const item = asRecord(feed[index]);
    if (item && isAskUser(item)) return questionIn(item);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Reconciling a reply whose answer was lost

/** Allowance for the server's clock running behind ours (as for runs, decision 0007). */
export const CLOCK_SKEW_MS = 2 * 60_000;

export interface ReplyAttempt {
  text: string;
  /** Epoch ms (our clock) when the attempt was sent. */
  since: number;
  /**
   * How many person messages with this text the conversation held when the attempt was sent, if
   * it was known: an earlier identical reply ("yes" to an earlier question) is not this one.
   */
  baseline?: number | undefined;
}

function personMessagesWithText(messages: readonly TaskMessage[], text: string): TaskMessage[] {
  const wanted = normaliseText(text);
  return messages.filter(
    (message) =>
      senderOf(message) === 'person' && normaliseText(plainText(message.content)) === wanted,
  );
}

/** How many person messages say `text`: the baseline of an attempt sent now. */
export function countSameText(messages: readonly TaskMessage[], text: string): number {
  return personMessagesWithText(messages, text).length;
}

/**
 * The person message that shows `attempt` arrived, if any: same text (whitespace aside), created
 * since the attempt (minus clock skew; a message without a readable time counts), and — when the
 * baseline is known — more such messages than there were before it.
 */
export function findDelivered(
  messages: readonly TaskMessage[],
  attempt: ReplyAttempt,
  skewMs = CLOCK_SKEW_MS,
): TaskMessage | undefined {
  const matches = personMessagesWithText(messages, attempt.text);
  if (attempt.baseline !== undefined && matches.length <= attempt.baseline) return undefined;
  return matches.findLast((message) => {
    const time = message.created_at === undefined ? NaN : Date.parse(message.created_at);
    return Number.isNaN(time) || time >= attempt.since - skewMs;
  });
}
