/**
 * When reads get answers again after a spell without, whatever failed meanwhile is read at once
 * rather than on its backoff, so a list's note, a tab's error and the banner clear together.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useConnection } from '@/lib/use-connection';

export function useRefetchOnRecovery(): void {
  const queryClient = useQueryClient();
  const { troubled } = useConnection();
  const wasTroubled = useRef(troubled);
  useEffect(() => {
    if (wasTroubled.current && !troubled) {
      void queryClient.refetchQueries({
        type: 'active',
        predicate: (query) => query.state.errorUpdatedAt > query.state.dataUpdatedAt,
      });
    }
    wasTroubled.current = troubled;
  }, [queryClient, troubled]);
}
