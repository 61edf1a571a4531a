/** After each route change (not the first load), focus moves to the new page's heading, as a page
 *  load would put it, unless the new page has already focused something of its own (Reply). */
import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';

export function useFocusHeadingOnNavigate(mainId: string): void {
  const [pathname] = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const main = document.getElementById(mainId);
    if (!main) return;
    const focusedBefore = document.activeElement;
    let focusedHeading: HTMLElement | null = null;
    // Pages arrive in parts (a lazy chunk, then the data; the old page may linger meanwhile), so
    // this follows the page until focus is somewhere that belongs to it, or the person acts.
    const follow = () => {
      const active = document.activeElement;
      const onBody = active === null || active === document.body;
      if (!onBody && active.isConnected && active !== focusedBefore) {
        if (active !== focusedHeading) stop(); // the page (or the person) put it elsewhere
        return;
      }
      const heading = main.querySelector<HTMLElement>('h1');
      if (!heading) return;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
      focusedHeading = heading;
    };
    const observer = new MutationObserver(follow);
    const stop = () => {
      observer.disconnect();
      document.removeEventListener('pointerdown', stop, true);
      document.removeEventListener('keydown', stop, true);
    };
    observer.observe(main, { childList: true, subtree: true });
    document.addEventListener('pointerdown', stop, true);
    document.addEventListener('keydown', stop, true);
    follow();
    return stop;
  }, [pathname, mainId]);
}
