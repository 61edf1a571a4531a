/**
 * What an `awaiting_review` task needs from a person, and where to give it. The agent paused
 * before a sensitive step until someone approves it, and the public API has no endpoint for that
 * (API notes §7): the console can only send the person to the Nanonets dashboard, in a new tab so
 * this page keeps polling and shows the task moving on once approved.
 */
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';

/** Where approvals happen. The agents dashboard; the exact page of a task there is not known. */
export const NANONETS_DASHBOARD_URL = 'https://agents.nanonets.com';

export interface AwaitingReviewNoticeProps {
  className?: string | undefined;
  /** Controls to decide the review here, where a backend allows it (the simulator's); the page
   *  composes them from another feature. */
  actions?: ReactNode;
}

export function AwaitingReviewNotice({ className, actions }: AwaitingReviewNoticeProps) {
  return (
    <Alert tone="warning" title="Awaiting review" className={className} actions={actions}>
      <p>
        The agent is waiting for someone to approve a sensitive step before it goes on. Approvals
        cannot be given through the API; this page updates once the step is approved.
      </p>
      <p className="pt-1">
        <a
          href={NANONETS_DASHBOARD_URL}
          target="_blank"
          rel="noopener noreferrer"
          className="font-medium text-accent underline underline-offset-2"
        >
          Approve it in the Nanonets dashboard
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
      </p>
    </Alert>
  );
}
