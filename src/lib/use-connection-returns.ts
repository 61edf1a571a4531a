/** Calls `callback` when the connection comes back: the console was offline, or reads kept
 *  getting no answer (`use-connection.ts`), and now it is not. */
import { useEffect, useRef } from 'react';
import { useConnection } from './use-connection';

export function useConnectionReturns(callback: () => void): void {
  const { troubled } = useConnection();
  const wasTroubled = useRef(troubled);
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => {
    if (wasTroubled.current && !troubled) latest.current();
    wasTroubled.current = troubled;
  }, [troubled]);
}
