/** `Differences`: the two tasks' extracted data field by field (`diff.ts`), with the key each list
 *  of items is matched by, `Only differences`, the counts, `Download CSV`, and rows shown a page at
 *  a time so an answer of thousands of fields stays quick. */
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { SafeText } from '@/components/safe-text';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { downloadFile } from '@/lib/download';
import { visibleText } from '@/lib/reveal-invisibles';
import {
  deltaText,
  diffCsv,
  pathText,
  typeChangeText,
  valueText,
  WHOLE_VALUE,
} from './compare-format';
import { diffData, listKeyChoices, type Change, type DiffCounts, type FieldDiff } from './diff';
import { parseMatchKeys, useDiffChoices } from './use-diff-choices';

/** Rows shown at first and added by each `Show more`. */
export const ROWS_PER_PAGE = 200;
/** A value longer than this is cut in its cell (the CSV keeps it whole). */
const MAX_CELL_CHARS = 1_000;

const CHANGE_TONE: Record<Change, string> = {
  equal: 'text-muted',
  changed: 'text-warning',
  added: 'text-success',
  removed: 'text-danger',
};

export interface DifferencesProps {
  left: unknown;
  right: unknown;
  /** Names the downloaded file. */
  fileBase: string;
}

export function Differences({ left, right, fileBase }: DifferencesProps) {
  const headingId = useId();
  const onlyId = useId();
  const { matchParam, onlyDifferences, setOnlyDifferences, setMatchKey } = useDiffChoices();
  const [shown, setShown] = useState(ROWS_PER_PAGE);
  // A new choice re-renders at once; a large diff follows without blocking the input.
  const deferredMatch = useDeferredValue(matchParam);
  const keys = useMemo(() => parseMatchKeys(matchParam), [matchParam]);
  const choices = useMemo(() => listKeyChoices(left, right), [left, right]);
  const diff = useMemo(
    () => diffData(left, right, { keys: parseMatchKeys(deferredMatch) }),
    [left, right, deferredMatch],
  );
  const rows = useMemo(
    () => (onlyDifferences ? diff.rows.filter((row) => row.change !== 'equal') : diff.rows),
    [diff.rows, onlyDifferences],
  );
  const visible = rows.slice(0, shown);

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-lg border border-border bg-surface p-4"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id={headingId} className="text-lg font-semibold">
          Differences
        </h2>
        <Counts counts={diff.counts} />
        <div className="ml-auto flex flex-wrap items-center gap-3">
          <label htmlFor={onlyId} className="flex items-center gap-2 text-sm">
            <input
              id={onlyId}
              type="checkbox"
              className="size-4 accent-accent"
              checked={onlyDifferences}
              onChange={(event) => {
                setOnlyDifferences(event.target.checked);
                setShown(ROWS_PER_PAGE);
              }}
            />
            Only differences
          </label>
          <Button
            size="sm"
            onClick={() =>
              downloadFile(`${fileBase}-differences.csv`, diffCsv(rows), 'text/csv;charset=utf-8')
            }
          >
            Download CSV
          </Button>
        </div>
      </div>
      {choices.length > 0 ? (
        <fieldset className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <legend className="sr-only">How list items are matched</legend>
          {choices.map((choice) => (
            <KeyChoice
              key={choice.pattern}
              pattern={choice.pattern}
              keys={choice.keys}
              value={Object.hasOwn(keys, choice.pattern) ? (keys[choice.pattern] ?? '') : ''}
              onChange={(key) => {
                setMatchKey(choice.pattern, key);
                setShown(ROWS_PER_PAGE);
              }}
            />
          ))}
        </fieldset>
      ) : null}
      {deferredMatch !== matchParam ? (
        <p role="status" className="text-xs text-muted">
          Matching again…
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-md border border-border">
        <table aria-label="Differences" className="min-w-full border-collapse text-sm">
          <thead className="bg-surface-muted">
            <tr>
              <th scope="col" className="px-2 py-1.5 text-left font-medium">
                Field path
              </th>
              <th scope="col" className="px-2 py-1.5 text-left font-medium">
                Left value
              </th>
              <th scope="col" className="px-2 py-1.5 text-left font-medium">
                Right value
              </th>
              <th scope="col" className="px-2 py-1.5 text-left font-medium">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row, index) => (
              <DiffRow key={index} row={row} />
            ))}
            {visible.length === 0 ? (
              <tr>
                <td colSpan={4} className="px-2 py-3 text-muted">
                  {diff.rows.length === 0
                    ? 'Neither task extracted any fields.'
                    : 'No differences: every field is equal.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {rows.length > shown ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <p className="text-muted">
            Showing {shown.toLocaleString('en')} of {rows.length.toLocaleString('en')} fields.
          </p>
          <Button size="sm" onClick={() => setShown((count) => count + ROWS_PER_PAGE)}>
            Show more
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setShown(rows.length)}>
            Show all
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function Counts({ counts }: { counts: DiffCounts }) {
  const parts: [number, string][] = [
    [counts.equal, 'equal'],
    [counts.changed, 'changed'],
    [counts.added, 'added'],
    [counts.removed, 'removed'],
  ];
  return (
    <p aria-label="Field counts" className="text-sm text-muted tabular-nums">
      {parts.map(([count, label], index) => (
        <span key={label}>
          {index > 0 ? ' · ' : ''}
          {count.toLocaleString('en')} {label}
        </span>
      ))}
    </p>
  );
}

function KeyChoice({
  pattern,
  keys,
  value,
  onChange,
}: {
  pattern: string;
  keys: readonly string[];
  value: string;
  onChange: (key: string) => void;
}) {
  const id = useId();
  const name = pattern === '' ? 'the top-level list' : visibleText(pattern);
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-muted">
        Match items of <span className="font-mono text-text">{name}</span> by
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="h-8 rounded-md border border-border bg-surface px-2 text-sm text-text focus-visible:outline-2 focus-visible:outline-accent"
      >
        <option value="">position</option>
        {keys.map((key) => (
          <option key={key} value={key}>
            {visibleText(key)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Value({ value, present }: { value: unknown; present: boolean }) {
  if (!present) return <span className="text-muted italic">missing</span>;
  if (value === null || value === undefined) {
    return <span className="font-mono text-xs text-muted">null</span>;
  }
  const text = valueText(value, present);
  const cut = text.length > MAX_CELL_CHARS;
  const shown = cut ? `${text.slice(0, MAX_CELL_CHARS)}…` : text;
  return (
    <span
      className={cn(
        typeof value === 'object' && 'font-mono text-xs',
        typeof value === 'number' && 'tabular-nums',
      )}
      title={
        cut ? `${text.length.toLocaleString('en')} characters; the CSV has all of them` : undefined
      }
    >
      <SafeText text={shown} />
    </span>
  );
}

function DiffRow({ row }: { row: FieldDiff }) {
  const delta = deltaText(row);
  const type = typeChangeText(row);
  return (
    <tr
      className={cn(
        'border-t border-border align-top',
        row.change !== 'equal' && 'bg-surface-muted/40',
      )}
    >
      <td className="px-2 py-1 font-mono text-xs [overflow-wrap:anywhere]">
        {row.path === '' ? (
          <span className="text-muted">{WHOLE_VALUE}</span>
        ) : (
          <SafeText text={pathText(row.path)} />
        )}
      </td>
      <td className="px-2 py-1 [overflow-wrap:anywhere]">
        <Value value={row.left} present={row.leftPresent} />
      </td>
      <td className="px-2 py-1 [overflow-wrap:anywhere]">
        <Value value={row.right} present={row.rightPresent} />
      </td>
      <td className="px-2 py-1 whitespace-nowrap">
        <span className={cn('font-medium', CHANGE_TONE[row.change])}>{row.change}</span>
        {delta ? <span className="tabular-nums"> {delta}</span> : null}
        {type ? <span className="text-xs text-muted"> ({type})</span> : null}
      </td>
    </tr>
  );
}
