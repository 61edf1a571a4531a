/** The console's one connection state (banner, backend indicator, "as of" notes): the browser's
 *  online flag and whether reads keep failing (`api/request-health.ts`). */
import { onlineManager } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { connectionState, isReconnecting, subscribeRequestHealth } from '@/api/request-health';

export interface Connection {
  /** The browser says it has no network. */
  offline: boolean;
  /** Reads keep getting no answer (the dashboard server or the API). */
  reconnecting: boolean;
  /** Either: what is on screen may be stale. */
  troubled: boolean;
  /** While reconnecting: when the reads began to fail (epoch ms). */
  failingSince: number | undefined;
  /** While troubled: the last read that got an answer (epoch ms). */
  lastSuccessAt: number | undefined;
}

function subscribeOnline(listener: () => void): () => void {
  return onlineManager.subscribe(listener);
}

const isOnline = () => onlineManager.isOnline();
const reconnectingNow = () => isReconnecting(connectionState());
const failingSinceNow = () => connectionState().failingSince;
const lastSuccessNow = () => connectionState().lastSuccessAt;

export function useConnection(): Connection {
  const online = useSyncExternalStore(subscribeOnline, isOnline);
  const reconnecting = useSyncExternalStore(subscribeRequestHealth, reconnectingNow);
  const failingSince = useSyncExternalStore(subscribeRequestHealth, () =>
    reconnecting ? failingSinceNow() : undefined,
  );
  const troubled = !online || reconnecting;
  const lastSuccessAt = useSyncExternalStore(subscribeRequestHealth, () =>
    troubled ? lastSuccessNow() : undefined,
  );
  return { offline: !online, reconnecting, troubled, failingSince, lastSuccessAt };
}
