/**
 * The `Trace steps` list, virtualized with variable heights: only the steps in view (plus a few)
 * are in the DOM, each measured as it renders (`measureElement`), so a 10,000-step trace keeps a
 * few dozen step elements whatever is expanded.
 *
 * Keyboard: ArrowDown/ArrowUp or j/k move to the next/previous step, Home/End to the first/last,
 * Enter (on the step itself) expands or collapses it. The target may not be rendered yet, so the
 * list scrolls to it first and focuses it on the render that brings it in; the focused step is
 * always kept rendered, so scrolling it away never drops focus to the page.
 */
import { defaultRangeExtractor, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { Range, Rect, Virtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useMemo,
  useRef,
  type KeyboardEvent,
} from 'react';
import { cn } from '@/lib/cn';
import type { TimedStep } from './normalize';
import { StepBoundary } from './step-boundary';
import { TraceStepView } from './trace-step';

/** Before layout and in jsdom the scroll box has no size; render a screenful anyway. */
const FALLBACK_RECT: Rect = { width: 1024, height: 720 };
const ESTIMATED_STEP_PX = 64;
const OVERSCAN = 6;

function observeRectWithFallback(
  instance: Virtualizer<HTMLDivElement, Element>,
  callback: (rect: Rect) => void,
) {
  return observeElementRect(instance, (rect) =>
    callback(rect.height > 0 ? rect : { ...rect, height: FALLBACK_RECT.height }),
  );
}

const MOVES: Readonly<Record<string, 'next' | 'previous' | 'first' | 'last'>> = {
  ArrowDown: 'next',
  j: 'next',
  ArrowUp: 'previous',
  k: 'previous',
  Home: 'first',
  End: 'last',
};

export interface TraceListProps {
  steps: readonly TimedStep[];
  /** Feed indices shown, in order. */
  visible: readonly number[];
  isExpanded: (index: number) => boolean;
  /** The step that is selected (deep link, keyboard, a click on the timeline). */
  selected: number | undefined;
  /** Changes with every pick of a step, even the one already selected. */
  selectionSeq: number;
  currentMatch: number | undefined;
  query: string;
  fileBase: string;
  onSelect: (index: number) => void;
  onToggle: (index: number) => void;
  onCopyStep: (index: number) => void;
  onCopyLink: (index: number) => void;
}

export function TraceList(props: TraceListProps) {
  const { steps, visible, selected } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusTarget = useRef<number | null>(null);
  const movedByKey = useRef<number | undefined>(undefined);

  // Feed index → position in `visible`.
  const positions = useMemo(
    () => new Map(visible.map((index, at) => [index, at] as const)),
    [visible],
  );
  const selectedAt = selected === undefined ? undefined : positions.get(selected);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (selectedAt === undefined || selectedAt >= range.count || indexes.includes(selectedAt))
        return indexes;
      return [...indexes, selectedAt].sort((a, b) => a - b);
    },
    [selectedAt],
  );

  // The React Compiler is not in use and nothing below memoizes the virtualizer's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_STEP_PX,
    getItemKey: (at) => visible[at] ?? at,
    overscan: OVERSCAN,
    rangeExtractor,
    initialRect: FALLBACK_RECT,
    observeElementRect: observeRectWithFallback,
    useFlushSync: false,
  });

  // Bring the selected step (deep link, timeline, First/Last step) and the current search match
  // into view when they change — not when the list changes under them (a live update).
  const scrollTo = useEffectEvent((index: number | undefined, align: 'auto' | 'center') => {
    const at = index === undefined ? undefined : positions.get(index);
    if (at !== undefined) virtualizer.scrollToIndex(at, { align });
  });
  // A step reached by the keyboard is scrolled just into view, not centred: no jumping page.
  useEffect(
    () => scrollTo(selected, movedByKey.current === selected ? 'auto' : 'center'),
    [selected, props.selectionSeq],
  );
  useEffect(() => scrollTo(props.currentMatch, 'center'), [props.currentMatch]);

  // Every render: the one that brings the focus target into the DOM focuses it.
  useLayoutEffect(() => {
    const target = focusTarget.current;
    if (target === null) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-step="${target}"]`);
    if (element) {
      focusTarget.current = null;
      element.focus({ preventScroll: true });
    }
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    const row = target.closest<HTMLElement>('[data-step]');
    if (event.key === 'Enter' && row === target) {
      event.preventDefault();
      props.onToggle(Number(row.dataset.step));
      return;
    }
    const move = MOVES[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey || visible.length === 0) return;
    const current = row ? (positions.get(Number(row.dataset.step)) ?? 0) : (selectedAt ?? -1);
    const last = visible.length - 1;
    const next = {
      next: Math.min(current + 1, last),
      previous: Math.max(current - 1, 0),
      first: 0,
      last,
    }[move];
    const index = visible[next];
    if (index === undefined) return;
    event.preventDefault();
    focusTarget.current = index;
    movedByKey.current = index;
    virtualizer.scrollToIndex(next, { align: 'auto' });
    props.onSelect(index);
  };

  const items = virtualizer.getVirtualItems();
  const tabStop = selected !== undefined && selectedAt !== undefined ? selected : visible[0];
  return (
    <div
      ref={scrollRef}
      onKeyDown={onKeyDown}
      className="h-[min(70vh,52rem)] overflow-auto overscroll-contain rounded-lg border border-border bg-surface"
    >
      <div
        role="list"
        aria-label="Trace steps"
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const index = visible[item.index];
          const step = index === undefined ? undefined : steps[index];
          if (!step) return null;
          const isSelected = step.index === selected;
          const isMatch = step.index === props.currentMatch;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              role="listitem"
              data-index={item.index}
              data-step={step.index}
              id={`trace-step-${step.index + 1}`}
              aria-setsize={visible.length}
              aria-posinset={item.index + 1}
              aria-current={isSelected ? 'true' : undefined}
              tabIndex={step.index === tabStop ? 0 : -1}
              onFocus={(event) => {
                if (event.target === event.currentTarget && !isSelected) props.onSelect(step.index);
              }}
              className={cn(
                'absolute top-0 left-0 w-full border-b border-border outline-none',
                'focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-inset',
                isSelected && 'ring-2 ring-accent ring-inset',
                isMatch && !isSelected && 'ring-2 ring-warning ring-inset',
              )}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <StepBoundary index={step.index} raw={step.raw}>
                <TraceStepView
                  step={step}
                  expanded={props.isExpanded(step.index)}
                  query={props.query}
                  currentMatch={isMatch}
                  fileBase={props.fileBase}
                  onToggle={props.onToggle}
                  onCopyStep={props.onCopyStep}
                  onCopyLink={props.onCopyLink}
                />
              </StepBoundary>
            </div>
          );
        })}
      </div>
    </div>
  );
}
