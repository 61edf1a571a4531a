/**
 * The standard error panel for a failed read: the server's message, what to do next, and Retry.
 * Lives outside `ui/` because it knows about `ApiError`; the primitives in `ui/` know nothing
 * about the API.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Alert } from './ui/alert';
import { Button } from './ui/button';

const ErrorDescription = lazy(() => import('./error-description'));

export interface ApiErrorAlertProps {
  title: ReactNode;
  error: unknown;
  onRetry?: (() => void) | undefined;
  /** True while the retry is in flight: the button is disabled and says so. */
  retrying?: boolean | undefined;
  className?: string | undefined;
}

export function ApiErrorAlert({ title, error, onRetry, retrying, className }: ApiErrorAlertProps) {
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
      {/* Until the advice texts arrive, the raw message already says what went wrong. */}
      <Suspense fallback={<p>{error instanceof Error ? error.message : String(error)}</p>}>
        <ErrorDescription error={error} />
      </Suspense>
    </Alert>
  );
}
