/** A batch's extracted data as one table (decision 0015): a row per item of each completed file,
 *  `file` and `task_id` first, then every field, nested keys dotted; cells via `csvField`. */
import { columnsOf, csvField, findTables, flattenRow, type Cell } from '@/lib/to-csv';

/** A completed file and what its task extracted (`undefined`: nothing). */
export interface BatchDataEntry {
  file: string;
  taskId: string;
  data: unknown;
}

export interface BatchTable {
  columns: string[];
  rows: Record<string, Cell>[];
}

/** The columns the batch adds; a field of the data with one of these names is written `data.<name>`. */
const OWN_COLUMNS = ['file', 'task_id'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The rows one answer gives (see the module header); none for no data. */
export function itemsOf(data: unknown): Record<string, Cell>[] {
  if (data === undefined || data === null) return [];
  if (Array.isArray(data)) return data.map((item) => flattenRow(item));
  if (isPlainObject(data)) {
    const tables = findTables(data);
    const only = tables.length === 1 ? tables[0] : undefined;
    if (only !== undefined && only.path !== '') {
      // The list is a JSON cell of the flattened object: drop it, then one row per entry.
      const base = flattenRow(data);
      delete base[only.path];
      return only.rows.map((row) => bare(base, flattenRow(row, only.path)));
    }
  }
  return [flattenRow(data)];
}

/** Rows without a prototype (as `flattenRow` makes them), so a field named `constructor` or
 *  `__proto__` is data, and a row lacking it reads as missing. */
function bare(...parts: Record<string, Cell>[]): Record<string, Cell> {
  const row = Object.create(null) as Record<string, Cell>;
  for (const part of parts) Object.assign(row, part);
  return row;
}

function renamed(row: Record<string, Cell>): Record<string, Cell> {
  const out = bare();
  for (const [column, cell] of Object.entries(row)) {
    out[OWN_COLUMNS.includes(column) ? `data.${column}` : column] = cell;
  }
  return out;
}

/** Every entry's rows in order; a file with no data still gets its row (file and task only). */
export function batchTable(entries: readonly BatchDataEntry[]): BatchTable {
  const rows: Record<string, Cell>[] = [];
  for (const entry of entries) {
    const items = itemsOf(entry.data);
    const own = { file: entry.file, task_id: entry.taskId };
    if (items.length === 0) rows.push(bare(own));
    for (const item of items) rows.push(bare(own, renamed(item)));
  }
  const fields = columnsOf(rows).filter((column) => !OWN_COLUMNS.includes(column));
  return { columns: [...OWN_COLUMNS, ...fields], rows };
}

/** The table as CSV text: a header row, then a row per item. */
export function batchCsv(entries: readonly BatchDataEntry[]): string {
  const { columns, rows } = batchTable(entries);
  const lines = [columns.map((column) => csvField(column)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The JSON download: each completed file with its task and its extracted data as the API gave it. */
export function batchJson(entries: readonly BatchDataEntry[]) {
  return entries.map((entry) => ({
    file: entry.file,
    task_id: entry.taskId,
    extracted_data: entry.data ?? null,
  }));
}
