/** What a task was given and where that is known from: this browser's record of the run
 *  (`lib/task-inputs.ts`), else whatever the API returned that carries it, read leniently; a field
 *  nothing carried is `undefined` ("not known", never "none"). */
import type { TaskInputs } from '@/lib/task-inputs';

export interface InputFile {
  name: string;
  /** Bytes, where known. */
  size?: number;
  type?: string;
}

export interface RunInputsView {
  /** `browser`: as this browser sent them; `api`: read from the API's answers. */
  source: 'browser' | 'api';
  /** For `api`: the answers it was read from, e.g. `the task's first message`. */
  from: string[];
  /** `''` when none was sent; `undefined` when nothing says. */
  query?: string | undefined;
  files?: InputFile[] | undefined;
  outputSchema?: string | undefined;
  instructions?: string | undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function firstOf<T>(
  record: Record<string, unknown>,
  keys: readonly string[],
  read: (value: unknown) => T | undefined,
) {
  for (const key of keys) {
    const value = Object.hasOwn(record, key) ? read(record[key]) : undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}

const NAME_KEYS = ['name', 'filename', 'file_name', 'fileName', 'original_name'];
const SIZE_KEYS = ['size', 'size_bytes', 'bytes', 'byte_size', 'length'];
const TYPE_KEYS = ['type', 'content_type', 'mime_type', 'mimeType', 'media_type'];

function size(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A file as a name, or an object naming it (with its size and type where given). */
export function fileOf(value: unknown): InputFile | undefined {
  const named = text(value);
  if (named !== undefined) return { name: named };
  const record = asRecord(value);
  const name = record && firstOf(record, NAME_KEYS, text);
  if (!record || name === undefined) return undefined;
  const bytes = firstOf(record, SIZE_KEYS, size);
  const type = firstOf(record, TYPE_KEYS, text);
  return { name, ...(bytes !== undefined ? { size: bytes } : {}), ...(type ? { type } : {}) };
}

function filesOf(value: unknown): InputFile[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const files = value.map(fileOf).filter((file): file is InputFile => file !== undefined);
  return files.length === value.length ? files : undefined;
}

/** An output schema as text: a string as sent, an object as indented JSON. */
function schemaText(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  return asRecord(value) || Array.isArray(value) ? JSON.stringify(value, null, 2) : undefined;
}

/** `output_config` as an object, or as the JSON string a multipart run sends. */
function configOf(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'string') return asRecord(value);
  try {
    return asRecord(JSON.parse(value));
  } catch {
    return undefined;
  }
}

type Found = Pick<RunInputsView, 'query' | 'files' | 'outputSchema' | 'instructions'>;

/** What a record (a task, its `input`, a message's structured content) says it was given. */
export function inputsIn(value: unknown): Found {
  const record = asRecord(value);
  if (!record) return {};
  const nested = asRecord(record.input) ?? asRecord(record.inputs) ?? asRecord(record.request);
  const inner = nested ? inputsIn(nested) : {};
  const config = configOf(record.output_config) ?? configOf(record.outputConfig) ?? {};
  return {
    query: firstOf(record, ['query', 'prompt'], text) ?? inner.query,
    files: firstOf(record, ['files', 'attachments', 'documents'], filesOf) ?? inner.files,
    outputSchema:
      firstOf(config, ['output_schema', 'schema'], schemaText) ??
      firstOf(record, ['output_schema'], schemaText) ??
      inner.outputSchema,
    instructions:
      firstOf(config, ['instructions'], text) ??
      firstOf(record, ['instructions'], text) ??
      inner.instructions,
  };
}

/** The text of a message's content: a string, `{text}`, or content blocks. */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return text(content);
  if (Array.isArray(content)) {
    const parts = content.map((block) => text(asRecord(block)?.text) ?? text(block));
    const joined = parts.filter(Boolean).join('\n');
    return text(joined);
  }
  const record = asRecord(content);
  return record ? (text(record.text) ?? text(record.content)) : undefined;
}

/** A run with files and no query opens with "Attached 2 files: a.pdf, b.pdf" (the simulator;
 *  platforms that write such a line). */
const ATTACHED = /^Attached (\d+) files?: (.+)$/s;

/** What the first user message says: its query, or the files it lists, or structured inputs. */
export function inputsInMessage(content: unknown): Found {
  const structured = inputsIn(content);
  if (Object.values(structured).some((value) => value !== undefined)) return structured;
  const said = contentText(content);
  if (said === undefined) return {};
  const attached = ATTACHED.exec(said.trim());
  const names = attached?.[2]?.split(', ') ?? [];
  if (attached && names.length === Number(attached[1])) {
    return { files: names.map((name) => ({ name })), query: '' };
  }
  return { query: said };
}

/** The first message a person sent: `role: user`, or with a `user_id` where no role is given. */
export function firstUserMessage(messages: readonly unknown[]): unknown {
  return messages.find((entry) => {
    const message = asRecord(entry);
    if (!message) return false;
    const role = text(message.role);
    return role !== undefined
      ? role === 'user' || role === 'human'
      : text(message.user_id) !== undefined;
  });
}

/** Files the feed's tool calls read, with the size and type their output states. */
export function filesReadInFeed(feed: readonly unknown[]): InputFile[] | undefined {
  const byName = new Map<string, InputFile>();
  for (const entry of feed) {
    const output = asRecord(asRecord(entry)?.output);
    const file = output && fileOf(output);
    if (file && (file.size !== undefined || file.type !== undefined) && !byName.has(file.name)) {
      byName.set(file.name, file);
    }
  }
  return byName.size > 0 ? [...byName.values()] : undefined;
}

export function inputsFromRecord(inputs: TaskInputs): RunInputsView {
  // Entries stored before sizes were kept have names only.
  const recorded = filesOf(inputs.files);
  return {
    source: 'browser',
    from: [],
    query: inputs.query.trim(),
    files: recorded?.length ? recorded : inputs.fileNames.map((name) => ({ name })),
    outputSchema: inputs.outputSchema.trim(),
    instructions: inputs.instructions.trim(),
  };
}

export interface ApiAnswers {
  /** The task's fields, from any read (`GET /tasks/{id}`, `/result`'s task, `/summary`). */
  tasks: readonly unknown[];
  /** `GET /tasks/{id}/messages`, where read. */
  messages?: readonly unknown[] | undefined;
  /** `/result`'s feed, where read. */
  feed?: readonly unknown[] | undefined;
}

/** What the API's answers say the task was given, and which answers said it. */
export function inputsFromApi({ tasks, messages, feed }: ApiAnswers): RunInputsView {
  const view: RunInputsView = { source: 'api', from: [] };
  const take = (found: Found, from: string) => {
    let used = false;
    for (const key of ['query', 'files', 'outputSchema', 'instructions'] as const) {
      if (view[key] === undefined && found[key] !== undefined) {
        Object.assign(view, { [key]: found[key] });
        used = true;
      }
    }
    if (used) view.from.push(from);
  };
  for (const task of tasks) take(inputsIn(task), 'the task’s fields');
  const opening = (messages && firstUserMessage(messages)) ?? (feed && firstUserMessage(feed));
  if (opening !== undefined) {
    take(inputsInMessage(asRecord(opening)?.content), 'the task’s first message');
  }
  const read = feed && filesReadInFeed(feed);
  if (read && view.files === undefined) take({ files: read }, 'the files the trace read');
  else if (read && view.files) {
    // Names from elsewhere, sizes and types from the trace's reads of them.
    const sized = new Map(read.map((file) => [file.name, file]));
    const before = view.files;
    view.files = before.map((file) => ({ ...sized.get(file.name), ...file }));
    if (before.some((file) => sized.has(file.name))) view.from.push('the files the trace read');
  }
  view.from = [...new Set(view.from)];
  return view;
}
