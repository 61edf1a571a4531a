/** Extracted data whatever its shape: a list of objects as a table, an object as label/value pairs
 *  with nested tables by key; downloads as JSON and CSV (`to-csv.ts`). Keys and values go through
 *  `SafeText`. */
import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { SafeText } from '@/components/safe-text';
import { Button } from '@/components/ui/button';
import { downloadFile, downloadJson } from '@/lib/download';
import { visibleText } from '@/lib/reveal-invisibles';
import { fileKeyOf } from './file-sources';
import { columnsOf, findTables, flattenRow, isTabular, toCsv, type Cell } from '@/lib/to-csv';
import { useSideScroll } from './use-side-scroll';

const MAX_ROWS = 500;
const MAX_DEPTH = 6;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '—';
}

function CellText({ value }: { value: Cell | undefined }) {
  if (value === null || value === undefined) return <span className="text-muted">—</span>;
  return <SafeText text={String(value)} />;
}

/** Fade edges where more of the table lies, and a hint that says so, only while it overflows. */
function SideScrollBox({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const { overflows, moreLeft, moreRight } = useSideScroll(ref);
  return (
    <div className="space-y-1">
      <div className="relative">
        <div
          ref={ref}
          // Focusable while it scrolls, so a keyboard can scroll it too.
          tabIndex={overflows ? 0 : undefined}
          aria-describedby={overflows ? hintId : undefined}
          className="overflow-x-auto rounded-md border border-border focus-visible:outline-2 focus-visible:outline-accent"
        >
          {children}
        </div>
        {moreLeft ? (
          <div
            aria-hidden="true"
            className="pointer-events-none absolute inset-y-0 left-0 w-6 rounded-l-md bg-gradient-to-r from-surface to-transparent"
          />
        ) : null}
        {moreRight ? (
          <div
            aria-hidden="true"
            className="pointer-events-none absolute inset-y-0 right-0 w-6 rounded-r-md bg-gradient-to-l from-surface to-transparent"
          />
        ) : null}
      </div>
      {overflows ? (
        <p id={hintId} className="text-xs text-muted">
          <span aria-hidden="true">↔ </span>
          {visibleText(label)} is wider than the screen: scroll sideways to see every column.
        </p>
      ) : null}
    </div>
  );
}

function DataTable({ rows, label }: { rows: readonly Record<string, unknown>[]; label: string }) {
  const [all, setAll] = useState(false);
  const fileKey = useMemo(() => fileKeyOf(rows), [rows]);
  const flat = useMemo(() => rows.map((row) => flattenRow(row)), [rows]);
  const columns = useMemo(() => {
    const found = columnsOf(flat);
    // The file a row came from leads, so every row says it first.
    return fileKey === undefined || !found.includes(fileKey)
      ? found
      : [fileKey, ...found.filter((column) => column !== fileKey)];
  }, [flat, fileKey]);
  const shown = all ? flat : flat.slice(0, MAX_ROWS);
  return (
    <div className="space-y-1">
      <SideScrollBox label={label}>
        <table aria-label={visibleText(label)} className="min-w-full border-collapse text-sm">
          <thead className="bg-surface-muted">
            <tr>
              {columns.map((column) => (
                <th
                  key={column}
                  scope="col"
                  className="px-2 py-1.5 text-left font-medium"
                  title={column === fileKey && column.toLowerCase() !== 'file' ? column : undefined}
                >
                  {column === fileKey ? 'File' : <SafeText text={column} />}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, index) => (
              <tr key={index} className="border-t border-border">
                {columns.map((column) => (
                  <td
                    key={column}
                    className={
                      typeof row[column] === 'number'
                        ? 'px-2 py-1 text-right tabular-nums'
                        : 'px-2 py-1 [overflow-wrap:anywhere]'
                    }
                  >
                    <CellText value={row[column]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </SideScrollBox>
      {flat.length > MAX_ROWS ? (
        <Button size="sm" variant="ghost" onClick={() => setAll(!all)}>
          {all ? `Show the first ${MAX_ROWS} rows` : `Show all ${flat.length} rows`}
        </Button>
      ) : null}
    </div>
  );
}

function Value({ name, value, depth }: { name: string; value: unknown; depth: number }): ReactNode {
  if (isTabular(value)) {
    return (
      <div className="space-y-1">
        <p className="text-xs text-muted">
          {value.length} {value.length === 1 ? 'row' : 'rows'}
        </p>
        <DataTable rows={value} label={name} />
      </div>
    );
  }
  if (depth >= MAX_DEPTH && typeof value === 'object' && value !== null) {
    return (
      <code className="font-mono text-xs">
        <SafeText text={JSON.stringify(value)} />
      </code>
    );
  }
  if (isRecord(value)) return <Fields value={value} depth={depth + 1} />;
  if (Array.isArray(value)) {
    const list = value as unknown[];
    if (list.length === 0) return <span className="text-muted">none</span>;
    if (list.every((entry) => typeof entry !== 'object' || entry === null))
      return <SafeText text={list.map((entry) => scalarText(entry)).join(', ')} />;
    return (
      <ol className="list-decimal space-y-1 pl-5">
        {list.map((entry, index) => (
          <li key={index}>
            <Value name={`${name}[${index}]`} value={entry} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  if (value === null || value === undefined) return <span className="text-muted">—</span>;
  return <SafeText text={scalarText(value)} />;
}

function Fields({ value, depth }: { value: Record<string, unknown>; depth: number }) {
  const entries = Object.entries(value);
  if (entries.length === 0) return <span className="text-muted">empty</span>;
  return (
    <dl className="grid grid-cols-[minmax(8rem,max-content)_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm">
      {entries.map(([key, entry]) => (
        <div key={key} className="contents">
          <dt className="font-mono text-xs leading-5 text-muted">
            <SafeText text={key} />
          </dt>
          <dd className="min-w-0">
            <Value name={key} value={entry} depth={depth} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export interface ExtractedDataProps {
  data: unknown;
  /** File names start with this (`task-<title>-<id8>`). */
  fileBase: string;
  /** The file each row of a list came from, when the rows do not say (`file-sources.ts`). */
  fileNames?: readonly string[] | undefined;
  /** The conformance check's summary, shown in the header. */
  badge?: ReactNode;
  children?: ReactNode;
}

/** The rows with their file as a leading `file` column; the data itself when none is known. */
function withFileNames(data: unknown, fileNames: readonly string[] | undefined): unknown {
  if (!fileNames || !isTabular(data) || data.length !== fileNames.length) return data;
  return data.map((row, index) => {
    const { file: _ignored, ...rest } = row;
    return { file: fileNames[index], ...rest };
  });
}

export function ExtractedData({ data, fileBase, fileNames, badge, children }: ExtractedDataProps) {
  const headingId = useId();
  // Shown and exported as CSV with the file column; the JSON download stays what the API sent.
  const rows = useMemo(() => withFileNames(data, fileNames), [data, fileNames]);
  const tables = useMemo(() => findTables(rows), [rows]);
  const downloads = (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" onClick={() => downloadJson(`${fileBase}-extracted.json`, data)}>
        Download JSON
      </Button>
      {tables.map((table) => (
        <Button
          key={table.path}
          size="sm"
          onClick={() =>
            downloadFile(
              `${fileBase}-${table.path === '' ? 'extracted' : table.path.replace(/[^\w-]+/g, '-')}.csv`,
              toCsv(table.rows),
              'text/csv;charset=utf-8',
            )
          }
        >
          {tables.length === 1
            ? 'Download CSV'
            : `Download CSV: ${visibleText(table.path || 'rows')}`}
        </Button>
      ))}
    </div>
  );
  const header = (
    <div className="flex flex-wrap items-center gap-2">
      <h2 id={headingId} className="text-sm font-semibold text-muted">
        Extracted data
      </h2>
      {badge}
      <div className="ml-auto">{downloads}</div>
    </div>
  );

  if (isTabular(rows)) {
    // The table itself carries the name; a region around it would say it twice.
    return (
      <section className="space-y-3 rounded-lg border border-border bg-surface p-4">
        {header}
        {children}
        <DataTable rows={rows} label="Extracted data" />
      </section>
    );
  }
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-lg border border-border bg-surface p-4"
    >
      {header}
      {children}
      <Value name="Extracted data" value={data} depth={0} />
    </section>
  );
}
