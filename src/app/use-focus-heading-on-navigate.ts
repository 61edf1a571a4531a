/**
 * After each route change (not the first load), focus moves to the new page's heading, as a page
 * load would put it, unless the new page has already focused something of its own (Reply).
 */
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
    // True once settled: the heading focused, or focus taken by the page itself.
    const settle = (): boolean => {
      const active = document.activeElement;
      const taken = active !== focusedBefore && active !== document.body && active !== null;
      if (taken && active.isConnected) return true;
      const heading = main.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
      return true;
    };
    if (settle()) return;
    // Pages load their parts lazily: wait for the heading to appear.
    const observer = new MutationObserver(() => {
      if (settle()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pathname, mainId]);
}
