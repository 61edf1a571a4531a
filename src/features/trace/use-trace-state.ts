/** What the person does with a loaded trace (kinds shown, search and current match, expanded and
 *  selected steps), derived on render from a little state plus the URL hash, so live updates and a
 *  new `#step-N` both win naturally. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { stepIndexFromHash } from './deep-link';
import { STEP_KINDS, type StepKind, type TimedStep } from './normalize';
import { findMatches, normalizeQuery } from './search';
import { useLocationHash } from './use-location-hash';

/** Typing settles this long before a search runs. */
export const SEARCH_DEBOUNCE_MS = 150;

interface Expansion {
  all: boolean;
  /** Steps whose state is the opposite of `all`. */
  flipped: ReadonlySet<number>;
}

/** `sorted` with `index` added in order, unless it is already there. */
function withIndex(sorted: readonly number[], index: number): readonly number[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < index) low = middle + 1;
    else high = middle;
  }
  if (sorted[low] === index) return sorted;
  return [...sorted.slice(0, low), index, ...sorted.slice(low)];
}

export function useTraceState(steps: readonly TimedStep[]) {
  const [hidden, setHidden] = useState<ReadonlySet<StepKind>>(() => new Set());
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState({ query: '', at: 0 });
  const [onlyMatches, setOnlyMatches] = useState(false);
  const [expansion, setExpansion] = useState<Expansion>({ all: false, flipped: new Set() });
  const [pick, setPick] = useState<{ index: number; hash: string; seq: number } | undefined>();
  const hash = useLocationHash();

  useEffect(() => {
    if (input === query) return;
    const timer = setTimeout(() => setQuery(input), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input, query]);

  const counts = useMemo(() => {
    const byKind = Object.fromEntries(STEP_KINDS.map((kind) => [kind, 0])) as Record<
      StepKind,
      number
    >;
    for (const step of steps) byKind[step.kind] += 1;
    return byKind;
  }, [steps]);

  const byKind = useMemo(
    () =>
      hidden.size === 0
        ? steps.map((step) => step.index)
        : steps.filter((step) => !hidden.has(step.kind)).map((step) => step.index),
    [steps, hidden],
  );

  const matches = useMemo(() => findMatches(steps, byKind, query), [steps, byKind, query]);
  const searching = normalizeQuery(query) !== '';
  const at = cursor.query === query ? Math.min(cursor.at, Math.max(0, matches.length - 1)) : 0;
  const currentMatch = searching ? matches[at] : undefined;

  const hashIndex = stepIndexFromHash(hash);
  const linked = hashIndex !== undefined && hashIndex < steps.length ? hashIndex : undefined;
  const selected = pick && (pick.hash === hash || linked === undefined) ? pick.index : linked;

  const shown = searching && onlyMatches ? matches : byKind;
  // The selected step always shows, whatever the filters say: a deep link must land somewhere.
  const visible = useMemo(
    () => (selected === undefined || selected >= steps.length ? shown : withIndex(shown, selected)),
    [shown, selected, steps.length],
  );

  const step = useCallback(
    (delta: 1 | -1) => {
      if (matches.length === 0) return;
      setCursor({ query, at: (at + delta + matches.length) % matches.length });
    },
    [matches.length, query, at],
  );

  /** Enter in the search box: search now if typing has not settled yet, else the next match. */
  const commitOrStep = (delta: 1 | -1) => {
    if (input !== query) {
      setQuery(input);
      setCursor({ query: input, at: 0 });
    } else step(delta);
  };

  const toggle = useCallback((index: number) => {
    setExpansion((current) => {
      const flipped = new Set(current.flipped);
      if (flipped.has(index)) flipped.delete(index);
      else flipped.add(index);
      return { all: current.all, flipped };
    });
  }, []);

  /** Opens one step, leaving the others as they are. */
  const expand = useCallback((index: number) => {
    setExpansion((current) => {
      if (current.all !== current.flipped.has(index)) return current;
      const flipped = new Set(current.flipped);
      if (current.all) flipped.delete(index);
      else flipped.add(index);
      return { all: current.all, flipped };
    });
  }, []);

  // Each pick is a new request, so choosing the step already selected brings it back into view.
  const select = useCallback(
    (index: number) => setPick((current) => ({ index, hash, seq: (current?.seq ?? 0) + 1 })),
    [hash],
  );

  return {
    counts,
    hidden,
    setKindShown: (kind: StepKind, shownNow: boolean) =>
      setHidden((current) => {
        const next = new Set(current);
        if (shownNow) next.delete(kind);
        else next.add(kind);
        return next;
      }),
    input,
    setInput,
    query,
    searching,
    matches,
    matchAt: at,
    currentMatch,
    nextMatch: () => commitOrStep(1),
    previousMatch: () => commitOrStep(-1),
    onlyMatches,
    setOnlyMatches,
    visible,
    isExpanded: (index: number) => expansion.all !== expansion.flipped.has(index),
    toggle,
    expand,
    expandAll: () => setExpansion({ all: true, flipped: new Set() }),
    collapseAll: () => setExpansion({ all: false, flipped: new Set() }),
    selected,
    /** The step the URL's `#step-N` names, once the feed holds it. */
    linked,
    hash,
    /** Changes with every pick, even of the same step. */
    selectionSeq: pick?.seq ?? 0,
    select,
  };
}
