/** The header's account corner on a shared console: `Sign out` when the console signs people in,
 *  the user's name when a proxy in front does. Nothing when nobody signs in. */
import { useQuery } from '@tanstack/react-query';
import { SafeText } from '@/components/safe-text';
import { backendQueries } from './backend-queries';

export function SessionControl() {
  const session = useQuery(backendQueries.info()).data?.session;
  if (!session || session.mode === 'none') return null;
  return (
    <div className="flex items-center gap-3 text-sm">
      {session.mode === 'header' && session.user ? (
        <span className="text-muted">
          Signed in as <SafeText text={session.user} />
        </span>
      ) : null}
      {session.signOut ? (
        // A plain form: the server ends the session and answers with the sign-in page.
        <form method="post" action={session.signOut}>
          <button
            type="submit"
            className="inline-flex h-8 items-center rounded-md border border-border px-3 font-medium hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
          >
            Sign out
          </button>
        </form>
      ) : null}
    </div>
  );
}
