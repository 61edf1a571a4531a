/** The frame around every page: a skip link, the header with the app name, the `Main` navigation
 *  and the connection indicator, and the `main` landmark the skip link jumps to. */
import { useId, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { Announcer } from '@/components/announcer';
import { ConnectionBanner } from '@/components/connection-banner';
import { useNeedsYou } from '@/entities/task/hooks';
import { ConnectionIndicator } from '@/features/backend/connection-indicator';
import { BatchResume } from '@/features/batch-start/batch-resume';
import { SessionControl } from '@/features/backend/session-control';
import { cn } from '@/lib/cn';
import { useFocusHeadingOnNavigate } from './use-focus-heading-on-navigate';

export const MAIN_CONTENT_ID = 'main-content';

interface NavItem {
  href: string;
  label: string;
  isCurrent: (location: string) => boolean;
  /** Shows how many tasks wait on the person. */
  counts?: boolean;
}

const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'New run', isCurrent: (location) => location === '/' },
  {
    href: '/tasks',
    label: 'Tasks',
    // A task view is "inside" Tasks, so the Tasks link stays marked there too.
    isCurrent: (location) => location === '/tasks' || location.startsWith('/tasks/'),
    counts: true,
  },
  {
    href: '/batches',
    label: 'Batches',
    isCurrent: (location) => location === '/batches' || location.startsWith('/batches/'),
  },
];

/** The count beside `Tasks`: kept out of the link's name (it stays "Tasks") and given as its
 *  description instead. */
function NeedsYouCount({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <span
      aria-hidden="true"
      className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-status-waiting px-1.5 text-xs font-semibold text-accent-foreground tabular-nums"
    >
      {count > 99 ? '99+' : count}
    </span>
  );
}

function MainNav() {
  const [location] = useLocation();
  const countId = useId();
  const count = useNeedsYou().length;
  return (
    <nav aria-label="Main">
      <ul className="flex gap-1">
        {NAV_ITEMS.map((item) => {
          const current = item.isCurrent(location);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                aria-describedby={item.counts && count > 0 ? countId : undefined}
                className={cn(
                  'inline-flex h-9 items-center rounded-md px-3 text-sm font-medium transition-colors',
                  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
                  current
                    ? 'bg-accent/10 text-accent'
                    : 'text-muted hover:bg-surface-muted hover:text-text',
                )}
              >
                {item.label}
                {item.counts ? <NeedsYouCount count={count} /> : null}
              </Link>
              {item.counts && count > 0 ? (
                <span id={countId} hidden>
                  {count === 1 ? '1 task needs you' : `${count} tasks need you`}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  useFocusHeadingOnNavigate(MAIN_CONTENT_ID);
  return (
    <div className="min-h-dvh bg-surface-muted text-text">
      <a
        href={`#${MAIN_CONTENT_ID}`}
        // Off-screen until focused (not `sr-only`: its `not-sr-only` undo also resets padding).
        className="absolute top-2 left-2 z-50 -translate-y-16 rounded-md bg-accent px-3 py-2 text-sm font-medium text-accent-foreground opacity-0 focus:translate-y-0 focus:opacity-100"
      >
        Skip to main content
      </a>
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <p className="flex items-center gap-2 font-semibold tracking-tight">
            <img src="/favicon.svg" alt="" className="size-6" />
            Agent Console
          </p>
          <MainNav />
          <ConnectionIndicator className="ml-auto" />
          <SessionControl />
        </div>
        <ConnectionBanner />
        <BatchResume />
      </header>
      <Announcer />
      <main
        id={MAIN_CONTENT_ID}
        tabIndex={-1}
        className="mx-auto max-w-screen-2xl px-4 py-6 focus:outline-none"
      >
        {children}
      </main>
    </div>
  );
}
