/** Whether a box scrolls sideways, and whether more lies to its left or right: for the fade edges
 *  and the "scroll sideways" hint on a table wider than the screen (a phone shows no scrollbar). */
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface SideScroll {
  overflows: boolean;
  moreLeft: boolean;
  moreRight: boolean;
}

const NONE: SideScroll = { overflows: false, moreLeft: false, moreRight: false };

function measure(box: HTMLElement): SideScroll {
  const hidden = box.scrollWidth - box.clientWidth;
  // One pixel of slack: zoom and sub-pixel widths round either way.
  if (hidden <= 1) return NONE;
  return {
    overflows: true,
    moreLeft: box.scrollLeft > 1,
    moreRight: box.scrollLeft < hidden - 1,
  };
}

const same = (a: SideScroll, b: SideScroll) =>
  a.overflows === b.overflows && a.moreLeft === b.moreLeft && a.moreRight === b.moreRight;

export function useSideScroll(ref: RefObject<HTMLElement | null>): SideScroll {
  const [state, setState] = useState(NONE);
  const update = useCallback(() => {
    const box = ref.current;
    if (!box) return;
    const next = measure(box);
    setState((previous) => (same(previous, next) ? previous : next));
  }, [ref]);

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    update();
    box.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    // The table's width changes with its rows ("Show all") and the page's layout, not only
    // with the window.
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(update);
    observer?.observe(box);
    if (box.firstElementChild) observer?.observe(box.firstElementChild);
    return () => {
      box.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
      observer?.disconnect();
    };
  }, [ref, update]);

  return state;
}
