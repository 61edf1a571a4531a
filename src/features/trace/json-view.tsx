/** A collapsible JSON tree for step payloads that stays cheap: children rendered when opened,
 *  `PAGE` at a time; long strings cut; over 1 MB offered as a download instead; search matches
 *  marked. Everything is rendered as text. */
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { downloadFile } from '@/lib/download';
import { formatBytes } from '@/lib/format';
import { Highlighted } from './highlighted';
import { jsonText } from './json-text';

export const MAX_RENDER_CHARS = 1_000_000;
const LONG_STRING = 400;
const PAGE = 100;
/** Levels opened by default, when a level is small enough to read at a glance. */
const OPEN_DEPTH = 2;
const SMALL = 12;

function jsonLength(value: unknown): number {
  return jsonText(value).length;
}

export interface JsonPayloadProps {
  value: unknown;
  /** What this payload is ("Arguments", "Output"), for the size notice and the file name. */
  label: string;
  /** File name for the download of a payload too large to show. */
  fileName: string;
  query: string;
}

/** A payload: the size gate, then the tree. */
export function JsonPayload({ value, label, fileName, query }: JsonPayloadProps) {
  const size = useMemo(() => jsonLength(value), [value]);
  if (size > MAX_RENDER_CHARS) {
    return (
      <div className="flex flex-wrap items-center gap-2 rounded-md border border-warning/40 bg-warning/5 p-2 text-sm">
        <span>
          {label} is {formatBytes(size)} of JSON, too large to show here.
        </span>
        <Button
          size="sm"
          onClick={() => downloadFile(fileName, jsonText(value, 2), 'application/json')}
        >
          Download {label.toLowerCase()}
        </Button>
      </div>
    );
  }
  if (typeof value === 'string') {
    // Text (a message, a tool's plain output) reads as text, not as a quoted JSON string.
    return (
      <div className="text-sm [overflow-wrap:anywhere]">
        <JsonScalar value={value} query={query} quoted={false} />
      </div>
    );
  }
  return (
    <div className="overflow-x-auto font-mono text-xs leading-5">
      <JsonNode value={value} depth={0} query={query} />
    </div>
  );
}

interface JsonNodeProps {
  name?: string | undefined;
  value: unknown;
  depth: number;
  query: string;
}

function JsonNode({ name, value, depth, query }: JsonNodeProps) {
  const label =
    name === undefined ? null : (
      <span className="text-muted">
        <Highlighted text={name} query={query} />:{' '}
      </span>
    );
  if (typeof value === 'object' && value !== null) {
    return <JsonBranch name={name} value={value} depth={depth} query={query} />;
  }
  return (
    <div className="[overflow-wrap:anywhere]">
      {label}
      <JsonScalar value={value} query={query} />
    </div>
  );
}

function JsonScalar({
  value,
  query,
  quoted = true,
}: {
  value: unknown;
  query: string;
  quoted?: boolean;
}) {
  const [all, setAll] = useState(false);
  if (typeof value === 'string') {
    const long = value.length > LONG_STRING;
    const shown = long && !all ? value.slice(0, LONG_STRING) : value;
    const quote = quoted ? '"' : '';
    return (
      <span className={cn('whitespace-pre-wrap', quoted && 'text-success')}>
        {quote}
        <Highlighted text={shown} query={query} />
        {long && !all ? '…' : ''}
        {quote}
        {long ? (
          <button
            type="button"
            onClick={() => setAll(!all)}
            className="ml-2 font-sans text-accent underline underline-offset-2"
          >
            {all ? 'Show less' : `Show all (${value.length.toLocaleString('en-US')} characters)`}
          </button>
        ) : null}
      </span>
    );
  }
  const text = jsonText(value);
  return (
    <span className={typeof value === 'number' ? 'text-accent' : 'text-warning'}>
      <Highlighted text={String(text)} query={query} />
    </span>
  );
}

function JsonBranch({ name, value, depth, query }: JsonNodeProps & { value: object }) {
  const isArray = Array.isArray(value);
  const entries = useMemo(
    () =>
      isArray
        ? (value as unknown[]).map((entry, index) => [String(index), entry] as const)
        : Object.entries(value as Record<string, unknown>),
    [value, isArray],
  );
  const [open, setOpen] = useState(depth < OPEN_DEPTH && entries.length <= SMALL);
  const [limit, setLimit] = useState(PAGE);
  const brackets = isArray ? ['[', ']'] : ['{', '}'];
  const summary = `${brackets[0]}${entries.length === 0 ? '' : ` ${entries.length} ${isArray ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'} `}${brackets[1]}`;

  if (entries.length === 0) {
    return (
      <div>
        {name !== undefined ? <span className="text-muted">{name}: </span> : null}
        <span className="text-muted">{summary}</span>
      </div>
    );
  }
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="rounded-sm text-left hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-accent"
      >
        <span aria-hidden="true" className="inline-block w-3 text-muted">
          {open ? '▾' : '▸'}
        </span>
        {name !== undefined ? (
          <span className="text-muted">
            <Highlighted text={name} query={query} />:{' '}
          </span>
        ) : null}
        <span className="text-muted">{summary}</span>
      </button>
      {open ? (
        <div className="ml-3 border-l border-border pl-2">
          {entries.slice(0, limit).map(([key, entry]) => (
            <JsonNode key={key} name={key} value={entry} depth={depth + 1} query={query} />
          ))}
          {entries.length > limit ? (
            <button
              type="button"
              onClick={() => setLimit(limit + PAGE)}
              className="font-sans text-accent underline underline-offset-2"
            >
              Show {Math.min(PAGE, entries.length - limit)} more of{' '}
              {(entries.length - limit).toLocaleString('en-US')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
