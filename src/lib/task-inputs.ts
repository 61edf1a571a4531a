/** What this browser ran each task with (query, schema, instructions, files), which the API cannot
 *  say: for `Run again`, a title-less task's label, Run inputs and the schema check. */
import * as v from 'valibot';
import { storedRecords } from './stored';

export interface SentFile {
  name: string;
  size: number;
  type?: string;
}

export interface TaskInputs {
  agentId: string;
  query: string;
  outputSchema: string;
  instructions: string;
  plainLanguage: boolean;
  fileNames: string[];
  /** Each file as sent (name, bytes, type); absent from entries stored before sizes were kept. */
  files?: SentFile[];
  /** Epoch ms when the run was started. */
  startedAt: number;
}

export const TASK_INPUTS_KEY = 'agent-console:task-inputs';

const StoredInputs = v.object({
  agentId: v.string(),
  query: v.string(),
  outputSchema: v.string(),
  instructions: v.string(),
  plainLanguage: v.boolean(),
  fileNames: v.array(v.string()),
  files: v.optional(
    v.array(v.object({ name: v.string(), size: v.number(), type: v.optional(v.string()) })),
  ),
  startedAt: v.number(),
});

const records = storedRecords<TaskInputs>({
  key: TASK_INPUTS_KEY,
  version: 1,
  field: 'tasks',
  isValue: (value): value is TaskInputs => v.is(StoredInputs, value),
  madeAt: (inputs) => inputs.startedAt,
  // Enough for weeks of hand-run tasks; the oldest go first.
  maxEntries: 500,
  maxChars: 2_000_000,
});

export function taskInputsOf(taskId: string): TaskInputs | undefined {
  return records.get(taskId);
}

export function rememberTaskInputs(taskId: string, inputs: TaskInputs): void {
  records.set(taskId, inputs);
}

/** Tasks this browser started within `maxAgeMs`, newest first. */
export function recentTaskIds(maxAgeMs = 24 * 60 * 60_000, now = Date.now()): string[] {
  return Object.entries(records.all())
    .filter(([, inputs]) => now - inputs.startedAt < maxAgeMs)
    .sort(([, a], [, b]) => b.startedAt - a.startedAt)
    .map(([taskId]) => taskId);
}

/** Forgets the in-memory copy (tests, or another tab's writes). */
export const reloadTaskInputs = records.reload;
