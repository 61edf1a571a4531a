/**
 * The `Offline` / `Reconnecting` banner. Offline is the browser's word (TanStack Query's online
 * manager, which also pauses every read until the connection returns); Reconnecting is ours:
 * reads keep failing for want of an answer (network, 5xx, the proxy's 502/504), and the pollers
 * are backing off. The views keep their last data on screen meanwhile, marked with the time it
 * was current; the banner says since when the console has not heard back, and goes away by
 * itself at the first answer — no reload.
 *
 * A single failed read does not raise it (a flaky API answers the next one); two in a row do.
 */
import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { connectionState, subscribeRequestHealth } from '@/api/request-health';
import { formatClockTime } from '@/lib/format';
import { Alert } from './ui/alert';

const FAILURES_BEFORE_BANNER = 2;

export function ConnectionBanner() {
  const online = useSyncExternalStore(
    (listener) => onlineManager.subscribe(listener),
    () => onlineManager.isOnline(),
  );
  const connection = useSyncExternalStore(subscribeRequestHealth, connectionState);
  const lastHeard =
    connection.lastSuccessAt !== undefined
      ? ` Data shown is as of ${formatClockTime(connection.lastSuccessAt)}.`
      : '';

  if (!online) {
    return (
      <Alert
        role="alert"
        tone="warning"
        title="Offline"
        className="rounded-none border-x-0 border-t-0"
      >
        This browser has no connection. What is on screen stays; updates resume by themselves when
        the connection returns.{lastHeard}
      </Alert>
    );
  }
  if (connection.failing && connection.failures >= FAILURES_BEFORE_BANNER) {
    return (
      <Alert
        role="alert"
        tone="warning"
        title="Reconnecting…"
        className="rounded-none border-x-0 border-t-0"
      >
        The dashboard server or the API has not answered
        {connection.failingSince !== undefined
          ? ` since ${formatClockTime(connection.failingSince)}`
          : ''}
        ; the console keeps trying, less often as it goes on.{lastHeard}
      </Alert>
    );
  }
  return null;
}
