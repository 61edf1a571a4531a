/** Extracted data as tables and CSV: finds arrays of objects, flattens nested objects into dotted
 *  columns, writes RFC 4180 CSV and prefixes formula-like cells with `'` (OWASP CSV injection). */

export type Cell = string | number | boolean | null;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a non-empty array whose every entry is an object: something to show as rows. */
export function isTabular(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
}

/** One row as `column → cell`, nested objects dotted, arrays as JSON. Without a prototype, so a
 *  column named `__proto__` is kept and a row without `constructor` reads it as missing. */
export function flattenRow(value: unknown, prefix = ''): Record<string, Cell> {
  const out = Object.create(null) as Record<string, Cell>;
  const visit = (entry: unknown, key: string) => {
    if (isPlainObject(entry) && Object.keys(entry).length > 0) {
      for (const [child, nested] of Object.entries(entry))
        visit(nested, key === '' ? child : `${key}.${child}`);
    } else if (Array.isArray(entry) || isPlainObject(entry)) {
      out[key || 'value'] = JSON.stringify(entry);
    } else if (entry === undefined || entry === null) {
      out[key || 'value'] = null;
    } else if (
      typeof entry === 'string' ||
      typeof entry === 'number' ||
      typeof entry === 'boolean'
    ) {
      out[key || 'value'] = entry;
    } else {
      out[key || 'value'] = JSON.stringify(entry) ?? null;
    }
  };
  visit(value, prefix);
  return out;
}

/** The columns of `rows`, in the order they first appear. */
export function columnsOf(rows: readonly Record<string, Cell>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const column of Object.keys(row)) seen.add(column);
  return [...seen];
}

const FORMULA = /^(?:[=+@\t\r]|-(?![\d.]))/;

export function csvField(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `items` as CSV text: a header row, then one row per item. */
export function toCsv(items: readonly unknown[]): string {
  const rows = items.map((item) => flattenRow(item));
  const columns = columnsOf(rows);
  const lines = [columns.map((column) => csvField(column)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export interface DataTable {
  /** Dotted path to the array inside the data; empty when the data itself is the table. */
  path: string;
  rows: Record<string, unknown>[];
}

/** Every table in `data` (see the module header), outermost first. Arrays inside a table's
 *  rows are not tables of their own: they are cells of it. */
export function findTables(data: unknown, maxDepth = 4): DataTable[] {
  if (isTabular(data)) return [{ path: '', rows: data }];
  const tables: DataTable[] = [];
  const visit = (value: unknown, path: string, depth: number) => {
    if (!isPlainObject(value) || depth > maxDepth) return;
    for (const [key, entry] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (isTabular(entry)) tables.push({ path: at, rows: entry });
      else visit(entry, at, depth + 1);
    }
  };
  visit(data, '', 0);
  return tables;
}
