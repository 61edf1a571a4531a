/** The trace's search box and step-type filter. Enter jumps to the next match, Shift+Enter to the
 *  previous; the match count is a polite live region so a screen reader hears it settle. On a phone
 *  the row stays one or two lines (the rest of the toolbar folds away behind `Filters`). */
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { KIND_LABELS, STEP_KINDS, type StepKind } from './normalize';

export interface TraceSearchProps {
  input: string;
  onInput: (value: string) => void;
  searching: boolean;
  matchCount: number;
  matchAt: number;
  onNext: () => void;
  onPrevious: () => void;
  onlyMatches: boolean;
  onOnlyMatches: (value: boolean) => void;
  /** Whether `Matching steps only` shows on a phone too (it always does from `md`). */
  onlyMatchesOnPhone?: boolean;
  /** After the buttons: the phone's `Filters` toggle. */
  children?: ReactNode;
}

export function TraceSearch(props: TraceSearchProps) {
  const { searching, matchCount } = props;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        type="search"
        aria-label="Search trace"
        placeholder="Search names, arguments and outputs"
        value={props.input}
        onChange={(event) => props.onInput(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          if (event.shiftKey) props.onPrevious();
          else props.onNext();
        }}
        className="h-9 w-96 max-w-full rounded-md border border-border bg-surface px-3 text-sm focus-visible:outline-2 focus-visible:outline-accent"
      />
      <span role="status" className="text-sm text-muted tabular-nums md:min-w-28">
        {searching
          ? matchCount === 0
            ? 'No matches'
            : `${props.matchAt + 1} of ${matchCount.toLocaleString('en-US')} ${matchCount === 1 ? 'match' : 'matches'}`
          : ''}
      </span>
      <Button
        size="sm"
        onClick={props.onPrevious}
        disabled={!searching || matchCount === 0}
        aria-keyshortcuts="Shift+Enter"
        aria-label="Previous match"
      >
        Previous<span className="max-md:hidden"> match</span>
      </Button>
      <Button
        size="sm"
        onClick={props.onNext}
        disabled={!searching || matchCount === 0}
        aria-keyshortcuts="Enter"
        aria-label="Next match"
      >
        Next<span className="max-md:hidden"> match</span>
      </Button>
      {props.children}
      <label
        className={cn(
          'inline-flex items-center gap-1.5 text-sm',
          !props.onlyMatchesOnPhone && 'max-md:hidden',
        )}
      >
        <input
          type="checkbox"
          checked={props.onlyMatches}
          onChange={(event) => props.onOnlyMatches(event.target.checked)}
        />
        Matching steps only
      </label>
    </div>
  );
}

export interface StepTypeFilterProps {
  counts: Readonly<Record<StepKind, number>>;
  hidden: ReadonlySet<StepKind>;
  onChange: (kind: StepKind, shown: boolean) => void;
}

/** One checkbox per kind present in the trace (every kind when the trace is empty). */
export function StepTypeFilter({ counts, hidden, onChange }: StepTypeFilterProps) {
  const kinds = STEP_KINDS.filter((kind) => counts[kind] > 0 || hidden.has(kind));
  return (
    <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <legend className="float-left mr-2 text-sm font-medium">Step types</legend>
      {(kinds.length > 0 ? kinds : STEP_KINDS).map((kind) => (
        <label key={kind} className="inline-flex items-center gap-1.5 text-sm">
          <input
            type="checkbox"
            checked={!hidden.has(kind)}
            onChange={(event) => onChange(kind, event.target.checked)}
          />
          {KIND_LABELS[kind]}
          <span className="text-muted tabular-nums">({counts[kind].toLocaleString('en-US')})</span>
        </label>
      ))}
    </fieldset>
  );
}
