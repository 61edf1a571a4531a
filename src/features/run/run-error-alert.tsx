/**
 * The alert under the form after a failed run: the server's words, what to do next, and a
 * reassurance that nothing was lost. Loaded only when a run fails (its texts are not small).
 */
import { Alert } from '@/components/ui/alert';
import { runErrorAdvice } from './run-advice';

export interface RunErrorAlertProps {
  error: unknown;
  /** Seconds left of a rate-limit wait, counting down. */
  waitSeconds: number;
}

export default function RunErrorAlert({ error, waitSeconds }: RunErrorAlertProps) {
  const advice = runErrorAdvice(error);
  return (
    <Alert title={advice.title}>
      <p>{advice.message}</p>
      <p className="mt-1 text-muted">
        {advice.advice}
        {waitSeconds > 0 ? ` (${waitSeconds} s left)` : ''}
      </p>
    </Alert>
  );
}
