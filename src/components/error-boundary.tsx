/**
 * Error boundaries per panel (a page, a form, a tab), so a component that throws while rendering
 * (a bug, or data we did not anticipate) takes down only its own panel — the navigation, the
 * connection indicator and the other panels keep working, and the broken one offers "Try again".
 * In `components/` so the app's pages and the features' own panels (the task view's tabs) share
 * one.
 *
 * A lazily loaded part that could not be fetched (`ModuleLoadError`) is not a bug: it gets its
 * own words, and is imported again by "Try again" or by itself when the connection comes back.
 */
import { Component, useEffect, useRef, type ErrorInfo, type ReactNode } from 'react';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { isModuleLoadError } from '@/lib/lazy-component';
import { useConnection } from '@/lib/use-connection';

export interface ErrorBoundaryProps {
  children: ReactNode;
  fallback: (props: { error: unknown; reset: () => void }) => ReactNode;
  /** When any of these change (e.g. the location), a shown error is cleared automatically. */
  resetKeys?: readonly unknown[];
  onReset?: (error: unknown) => void;
}

interface ErrorBoundaryState {
  failed: boolean;
  error: unknown;
}

function changed(a: readonly unknown[] = [], b: readonly unknown[] = []): boolean {
  return a.length !== b.length || a.some((value, index) => !Object.is(value, b[index]));
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false, error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { failed: true, error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // React logs the error itself in development; keep the component stack next to it, which is
    // what makes a production report actionable.
    console.error('A panel failed to render:', error, info.componentStack);
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (this.state.failed && changed(previous.resetKeys, this.props.resetKeys)) this.reset();
  }

  reset = (): void => {
    this.props.onReset?.(this.state.error);
    this.setState({ failed: false, error: null });
  };

  override render(): ReactNode {
    if (this.state.failed)
      return this.props.fallback({ error: this.state.error, reset: this.reset });
    return this.props.children;
  }
}

/** Tries again by itself when the connection comes back: the browser is online again, or reads
 *  get answers again after a spell without. */
function RetryWhenBack({ retry }: { retry: () => void }) {
  const { troubled } = useConnection();
  const wasTroubled = useRef(troubled);
  useEffect(() => {
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [retry]);
  useEffect(() => {
    if (wasTroubled.current && !troubled) retry();
    wasTroubled.current = troubled;
  }, [troubled, retry]);
  return null;
}

export interface PanelErrorBoundaryProps {
  /** What failed, in words, e.g. "The agent list". */
  label: string;
  children: ReactNode;
  resetKeys?: readonly unknown[];
}

/** An `ErrorBoundary` with the standard fallback; "Try again" also resets failed queries below
 *  it so they refetch instead of rethrowing their cached error, and retries a failed import. */
export function PanelErrorBoundary({ label, children, resetKeys }: PanelErrorBoundaryProps) {
  const { reset: resetQueries } = useQueryErrorResetBoundary();
  return (
    <ErrorBoundary
      resetKeys={resetKeys}
      onReset={(error) => {
        if (isModuleLoadError(error)) error.retry();
        resetQueries();
      }}
      fallback={({ error, reset }) => {
        const notLoaded = isModuleLoadError(error);
        return (
          <Alert
            title={`${label} could not be ${notLoaded ? 'loaded' : 'displayed'}`}
            actions={
              <Button size="sm" onClick={reset}>
                Try again
              </Button>
            }
          >
            {notLoaded ? (
              <p>
                <RetryWhenBack retry={reset} />
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
