/** How Compare words things: a value of the diff, its change (`changed +14.49 (+2.87%)`), a task's
 *  name, the `/compare` link for two tasks, and the differences as safe CSV (`lib/to-csv.ts`). */
import type { CachedTask } from '@/entities/task/cache';
import { taskInputsOf } from '@/lib/task-inputs';
import { slugify } from '@/lib/download';
import { csvField } from '@/lib/to-csv';
import type { FieldDiff } from './diff';

/** Shown for a path that is the whole answer (the data is one value, not an object). */
export const WHOLE_VALUE = '(whole value)';

export function pathText(path: string): string {
  return path === '' ? WHOLE_VALUE : path;
}

/** A value as text: `null` spelled out, objects and lists as JSON; '' where the field is missing. */
export function valueText(value: unknown, present: boolean): string {
  if (!present) return '';
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? typeof value;
}

function signed(value: number): string {
  if (value === 0) return '0';
  const text = String(Math.abs(value));
  return `${value > 0 ? '+' : '-'}${text}`;
}

export function percentText(percent: number | undefined): string {
  if (percent === undefined) return '';
  const size = Math.abs(percent);
  if (size > 0 && size < 0.01) return `${percent > 0 ? '+' : '-'}<0.01%`;
  return `${signed(Number(percent.toFixed(2)))}%`;
}

/** The delta of a numeric change, `+14.49 (+2.87%)`; '' for any other row. */
export function deltaText(row: FieldDiff): string {
  if (!row.numeric) return '';
  const percent = percentText(row.numeric.percent);
  return percent ? `${signed(row.numeric.delta)} (${percent})` : signed(row.numeric.delta);
}

/** `changed: number → text` where the kind of value changed. */
export function typeChangeText(row: FieldDiff): string {
  return row.typeChange ? `${row.typeChange.from} → ${row.typeChange.to}` : '';
}

/** The change column in words: `equal`, `added`, `removed`, `changed +14.49 (+2.87%)`. */
export function changeText(row: FieldDiff): string {
  const detail = deltaText(row) || typeChangeText(row);
  return detail ? `${row.change} ${detail}` : row.change;
}

const CSV_COLUMNS = ['path', 'left', 'right', 'change', 'delta', 'percent'];

/** The rows as CSV: one line per field; a missing side is an empty cell, `null` is `null`. */
export function diffCsv(rows: readonly FieldDiff[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(
      [
        pathText(row.path),
        valueText(row.left, row.leftPresent),
        valueText(row.right, row.rightPresent),
        row.typeChange ? `${row.change} (${typeChangeText(row)})` : row.change,
        row.numeric ? row.numeric.delta : null,
        row.numeric?.percent === undefined ? null : Number(row.numeric.percent.toFixed(4)),
      ]
        .map((cell) => csvField(cell))
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** What to call a task here: its title, else the query this browser ran it with, else its id. */
export function taskName(taskId: string, task: CachedTask | undefined): string {
  const flat = (text: string | undefined) => text?.replace(/\s+/g, ' ').trim() ?? '';
  const name = flat(task?.title) || flat(taskInputsOf(taskId)?.query);
  if (!name) return taskId;
  return name.length > 80 ? `${name.slice(0, 79).trimEnd()}…` : name;
}

function epoch(value: string | undefined): number {
  const time = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(time) ? Infinity : time;
}

/** `/compare?a=…&b=…`, the older task on the left where both creation times are known. */
export function compareHref(
  first: string,
  second: string,
  createdAt: (taskId: string) => string | undefined = () => undefined,
): string {
  const swap = epoch(createdAt(second)) < epoch(createdAt(first));
  const [a, b] = swap ? [second, first] : [first, second];
  return `/compare?${new URLSearchParams({ a, b }).toString()}`;
}

/** A task id from what a person pasted: the id itself, or a console link to the task. */
export function taskIdFromInput(input: string): string {
  const text = input.trim();
  const match = /\/tasks\/([^/?#\s]+)/.exec(text);
  if (!match?.[1]) return text;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/** `compare-1a2b3c4d-5e6f7a8b`: downloads named after the two tasks. */
export function compareFileBase(a: string, b: string): string {
  const id8 = (taskId: string) => slugify(taskId, 64).replace(/-/g, '').slice(0, 8) || 'unknown';
  return `compare-${id8(a)}-${id8(b)}`;
}
