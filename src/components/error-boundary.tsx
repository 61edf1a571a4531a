/** A panel's error boundary (`react-error-boundary`): a panel that throws while rendering shows
 *  what failed and "Try again", and the rest of the console keeps working. Code that could not be
 *  fetched (`ModuleLoadError`) is imported again, also by itself when the connection comes back. */
import { useEffect, useRef, type ReactNode } from 'react';
import { ErrorBoundary } from 'react-error-boundary';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { isModuleLoadError } from '@/lib/lazy-component';
import { useConnectionReturns } from '@/lib/use-connection-returns';

/** Tries again by itself when the connection comes back, or the browser says it is online. */
function RetryWhenBack({ retry }: { retry: () => void }) {
  useConnectionReturns(retry);
  useEffect(() => {
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [retry]);
  return null;
}

export interface PanelErrorBoundaryProps {
  /** What failed, in words, e.g. "The agent list". */
  label: string;
  children: ReactNode;
  /** When any of these change (e.g. the location), a shown error is cleared. */
  resetKeys?: unknown[];
}

/** "Try again" (or new `resetKeys`) also resets the failed queries below, so they refetch instead
 *  of rethrowing their cached error, and forgets a failed import. */
export function PanelErrorBoundary({ label, children, resetKeys }: PanelErrorBoundaryProps) {
  const { reset: resetQueries } = useQueryErrorResetBoundary();
  const caught = useRef<unknown>(undefined);
  return (
    <ErrorBoundary
      resetKeys={resetKeys}
      onError={(error, info) => {
        caught.current = error;
        // Next to the error, the component stack is what makes a production report actionable.
        console.error('A panel failed to render:', error, info.componentStack);
      }}
      onReset={() => {
        if (isModuleLoadError(caught.current)) caught.current.retry();
        caught.current = undefined;
        resetQueries();
      }}
      fallbackRender={({ error, resetErrorBoundary }) => {
        const notLoaded = isModuleLoadError(error);
        return (
          <Alert
            title={`${label} could not be ${notLoaded ? 'loaded' : 'displayed'}`}
            actions={
              <Button size="sm" onClick={() => resetErrorBoundary()}>
                Try again
              </Button>
            }
          >
            {notLoaded ? (
              <p>
                <RetryWhenBack retry={resetErrorBoundary} />
                The console could not fetch this part of itself from the dashboard server. It tries
                again by itself when the connection comes back; check your connection and that the
                dashboard server (npm start) is running. If the server was restarted with a newer
                version, reload the page.
              </p>
            ) : (
              <>
                <p>{error instanceof Error ? error.message : String(error)}</p>
                <p className="text-muted">
                  This is a problem in the console itself. If trying again does not help, reload the
                  page.
                </p>
              </>
            )}
          </Alert>
        );
      }}
    >
      {children}
    </ErrorBoundary>
  );
}
