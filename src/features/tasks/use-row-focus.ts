/** Keyboard movement between the task list's row links (arrows, j/k, Home/End): the virtualized
 *  list scrolls to the target first and a layout effect focuses it once it renders. */
import { useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';

const STEPS: Readonly<Record<string, 'next' | 'previous' | 'first' | 'last'>> = {
  ArrowDown: 'next',
  j: 'next',
  ArrowUp: 'previous',
  k: 'previous',
  Home: 'first',
  End: 'last',
};

export interface RowFocusOptions {
  scrollRef: RefObject<HTMLElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** Rows 0…taskCount-1 hold a link; rows after them (unreadable items) are skipped. */
  taskCount: number;
}

export function useRowFocus({ scrollRef, virtualizer, taskCount }: RowFocusOptions) {
  const pending = useRef<number | null>(null);

  const focusPending = () => {
    const index = pending.current;
    if (index === null) return;
    const link = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] a[href]`);
    if (link) {
      pending.current = null;
      link.focus();
    }
  };

  // Every render: the one that brings the target row into the DOM focuses it.
  useLayoutEffect(focusPending);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const step = STEPS[event.key];
    if (!step || event.altKey || event.ctrlKey || event.metaKey || taskCount === 0) return;
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const current = Number(row.dataset.index);
    const last = taskCount - 1;
    const target = {
      next: Math.min(current + 1, last),
      previous: Math.max(current - 1, 0),
      first: 0,
      last,
    }[step];
    event.preventDefault();
    pending.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
    focusPending();
  };

  return { onKeyDown };
}
