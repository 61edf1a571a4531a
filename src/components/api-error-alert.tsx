/** The standard error panel for a failed read: the server's message, what to do next, Retry.
 *  Outside `ui/` because it knows `ApiError`; on the first page so it never needs the network. */
import type { ReactNode } from 'react';
import { describeError } from '@/lib/error-advice';
import { Alert } from './ui/alert';
import { Button } from './ui/button';

export interface ApiErrorAlertProps {
  title: ReactNode;
  error: unknown;
  onRetry?: (() => void) | undefined;
  /** True while the retry is in flight: the button is disabled and says so. */
  retrying?: boolean | undefined;
  className?: string | undefined;
}

export function ApiErrorAlert({ title, error, onRetry, retrying, className }: ApiErrorAlertProps) {
  const { message, advice } = describeError(error);
  return (
    <Alert
      title={title}
      className={className}
      actions={
        onRetry ? (
          <Button size="sm" onClick={onRetry} disabled={retrying}>
            {retrying ? 'Retrying…' : 'Retry'}
          </Button>
        ) : undefined
      }
    >
      <p>{message}</p>
      <p className="text-muted">{advice}</p>
    </Alert>
  );
}
