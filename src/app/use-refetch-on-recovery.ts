/** When the connection comes back, whatever failed meanwhile is read at once rather than on its
 *  backoff, so a list's note, a tab's error and the banner clear together. */
import { useQueryClient } from '@tanstack/react-query';
import { useConnectionReturns } from '@/lib/use-connection-returns';

export function useRefetchOnRecovery(): void {
  const queryClient = useQueryClient();
  useConnectionReturns(() => {
    void queryClient.refetchQueries({
      type: 'active',
      predicate: (query) => query.state.errorUpdatedAt > query.state.dataUpdatedAt,
    });
  });
}
