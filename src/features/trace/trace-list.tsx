/** The `Trace steps` list, virtualized with measured heights inside the page's own scroll, so a
 *  10,000-step trace keeps a few dozen step elements. Arrows/j/k/Home/End move between steps; a
 *  step link expands, scrolls to and focuses its step, which always stays rendered. */
import { defaultRangeExtractor, useWindowVirtualizer } from '@tanstack/react-virtual';
import type { Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { cn } from '@/lib/cn';
import { formatClockTime } from '@/lib/format';
import type { TimedStep } from './normalize';
import { StepBoundary } from './step-boundary';
import { TraceStepView } from './trace-step';

const ESTIMATED_STEP_PX = 64;
const OVERSCAN = 6;
/** Enough of a step's top to read its number and kind. */
const READABLE_PX = 48;
/** What the person does to scroll on their own; it ends a pending request to show a step. */
const SCROLL_INTENTS = ['wheel', 'pointerdown', 'touchstart', 'keydown'] as const;

interface Reveal {
  index: number;
  block: 'nearest' | 'center';
  /** Still to be focused (once: after that, focus is the person's). */
  focus: boolean;
  /** Scrolled to at least once. */
  shown: boolean;
}

/** Whether the top of `element` shows in the window, below the `covered` px of sticky toolbar. */
function inView(element: HTMLElement, covered: number): boolean {
  const rect = element.getBoundingClientRect();
  return (
    rect.top >= covered - 1 &&
    rect.top + Math.min(rect.height, READABLE_PX) <= window.innerHeight + 1
  );
}

/** Where `element` starts, in px from the top of the page. */
function pageTop(element: HTMLElement): number {
  return Math.round(element.getBoundingClientRect().top + window.scrollY);
}

/**
 * The list's distance from the top of the page, kept current: measured when the list or the page
 * changes size (a header, alert or timeline above it grows, a step below it opens).
 */
function useScrollMargin(list: RefObject<HTMLElement | null>): number {
  const [margin, setMargin] = useState(0);
  useEffect(() => {
    const node = list.current;
    if (!node || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setMargin(pageTop(node)));
    observer.observe(document.body);
    observer.observe(node);
    return () => observer.disconnect();
  }, [list]);
  return margin;
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
  /** The step the URL's `#step-N` names, and the hash itself: a new link is a new arrival. */
  linked: number | undefined;
  hash: string;
  onSelect: (index: number) => void;
  onToggle: (index: number) => void;
  onExpand: (index: number) => void;
  /** The step a live task is on, marked as in progress. */
  inProgress?: number | undefined;
  /** For a stopped task whose steps went on landing: the first of them (a feed index) and the
   *  stop (epoch ms). A divider, `After the stop`, sits above the first of them shown. */
  afterStop?: { from: number; stoppedAt: number } | undefined;
  /** Px at the top of the window covered by the sticky toolbar: steps are shown below it. */
  stickyInset?: number;
  onCopyStep: (index: number) => void;
  onCopyLink: (index: number) => void;
}

/** Its words are its accessible name and, painted from `data-label`, its visible text: the
 *  step's own text still starts with its number. */
function AfterStopDivider({ stoppedAt }: { stoppedAt: number }) {
  const label = `After the stop at ${formatClockTime(stoppedAt)}`;
  return (
    <div
      role="separator"
      aria-label={label}
      data-label={label}
      className={cn(
        'flex items-center gap-3 border-b border-border bg-surface-muted px-3 py-1.5',
        'text-xs font-semibold text-status-stopped before:content-[attr(data-label)]',
        "after:h-px after:flex-1 after:bg-status-stopped/40 after:content-['']",
      )}
    />
  );
}

export function TraceList(props: TraceListProps) {
  const { steps, visible, selected, afterStop } = props;
  const stickyInset = props.stickyInset ?? 0;
  const listRef = useRef<HTMLDivElement>(null);
  const scrollMargin = useScrollMargin(listRef);
  const reveal = useRef<Reveal | null>(null);
  const movedByKey = useRef<number | undefined>(undefined);

  // Feed index → position in `visible`.
  const positions = useMemo(
    () => new Map(visible.map((index, at) => [index, at] as const)),
    [visible],
  );
  const selectedAt = selected === undefined ? undefined : positions.get(selected);
  // The position of the first step shown that landed after the stop.
  const dividerAt = useMemo(() => {
    if (afterStop === undefined) return undefined;
    const at = visible.findIndex((index) => index >= afterStop.from);
    return at === -1 ? undefined : at;
  }, [visible, afterStop]);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (selectedAt === undefined || selectedAt >= range.count || indexes.includes(selectedAt))
        return indexes;
      return [...indexes, selectedAt].sort((a, b) => a - b);
    },
    [selectedAt],
  );

  const virtualizer = useWindowVirtualizer({
    count: visible.length,
    estimateSize: () => ESTIMATED_STEP_PX,
    getItemKey: (at) => visible[at] ?? at,
    overscan: OVERSCAN,
    rangeExtractor,
    scrollMargin,
    scrollPaddingStart: stickyInset,
    useFlushSync: false,
  });

  /** Shows (and focuses) the requested step if it is rendered; scrolls again if it moved away. */
  const applyReveal = () => {
    const request = reveal.current;
    const list = listRef.current;
    if (!request || !list) return;
    const element = list.querySelector<HTMLElement>(`[data-step="${request.index}"]`);
    if (!element) return;
    if (request.focus) {
      request.focus = false;
      element.focus({ preventScroll: true });
    }
    if (!request.shown || !inView(element, stickyInset)) {
      request.shown = true;
      // A step taller than half the room below the toolbar shows from its top; jsdom has no
      // scrollIntoView. The step's scroll margin keeps it clear of the toolbar.
      const tall = element.offsetHeight > (window.innerHeight - stickyInset) / 2;
      element.scrollIntoView?.({ block: tall ? 'start' : request.block });
    }
  };

  const show = (index: number | undefined, block: Reveal['block'], focus: boolean) => {
    const at = index === undefined ? undefined : positions.get(index);
    if (index === undefined || at === undefined) return;
    reveal.current = { index, block, focus, shown: false };
    // Not rendered yet: bring it into the rendered range first.
    if (!listRef.current?.querySelector(`[data-step="${index}"]`)) {
      virtualizer.scrollToIndex(at, { align: block === 'center' ? 'center' : 'auto' });
    }
    applyReveal();
  };
  const request = useEffectEvent(show);

  // Bring the selected step (timeline, First/Last step) and the current search match into view
  // when they change — not when the list changes under them (a live update). A keyboard move
  // has asked already.
  useEffect(() => {
    if (selected !== undefined && movedByKey.current === selected) {
      movedByKey.current = undefined;
      return;
    }
    request(selected, 'center', false);
  }, [selected, props.selectionSeq]);
  useEffect(() => request(props.currentMatch, 'center', false), [props.currentMatch]);

  // A step link, on first load or followed later: open the step, show it and focus it.
  const arrive = useEffectEvent((index: number) => {
    props.onExpand(index);
    show(index, 'center', true);
  });
  useEffect(() => {
    if (props.linked !== undefined) arrive(props.linked);
  }, [props.hash, props.linked]);

  // Every render: the one that brings the step into the DOM (or moves it) shows it.
  useLayoutEffect(applyReveal);

  // Scrolling by hand ends the request, so a later render never pulls the list back.
  useEffect(() => {
    const stop = () => {
      reveal.current = null;
    };
    for (const event of SCROLL_INTENTS) window.addEventListener(event, stop, { capture: true });
    return () => {
      for (const event of SCROLL_INTENTS)
        window.removeEventListener(event, stop, { capture: true });
    };
  }, []);

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
    // Just into view, not centred: no jumping page.
    movedByKey.current = index;
    show(index, 'nearest', true);
    props.onSelect(index);
  };

  const items = virtualizer.getVirtualItems();
  const tabStop = selected !== undefined && selectedAt !== undefined ? selected : visible[0];
  return (
    <div onKeyDown={onKeyDown} className="rounded-lg border border-border bg-surface">
      <div
        ref={listRef}
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
              className="group absolute top-0 left-0 w-full border-b border-border outline-none"
              style={{
                transform: `translateY(${item.start - scrollMargin}px)`,
                scrollMarginTop: stickyInset + 8,
                scrollMarginBottom: 8,
              }}
            >
              {item.index === dividerAt && afterStop ? (
                <AfterStopDivider stoppedAt={afterStop.stoppedAt} />
              ) : null}
              <div
                className={cn(
                  'group-focus-visible:ring-2 group-focus-visible:ring-accent group-focus-visible:ring-inset',
                  isSelected && 'ring-2 ring-accent ring-inset',
                  isMatch && !isSelected && 'ring-2 ring-warning ring-inset',
                )}
              >
                <StepBoundary index={step.index} raw={step.raw}>
                  <TraceStepView
                    step={step}
                    expanded={props.isExpanded(step.index)}
                    query={props.query}
                    currentMatch={isMatch}
                    inProgress={step.index === props.inProgress}
                    fileBase={props.fileBase}
                    onToggle={props.onToggle}
                    onCopyStep={props.onCopyStep}
                    onCopyLink={props.onCopyLink}
                  />
                </StepBoundary>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
