/** The app's one QueryClient: the retry policy of `api/retry.ts` and a short freshness window for
 *  every query; mutations never retry by themselves (a retried run could start a second task). */
import { QueryClient, type DefaultOptions } from '@tanstack/react-query';
import { retryDelay, shouldRetry } from '@/api/retry';
import { watchTaskChanges } from '@/entities/task/changes';

export function createQueryClient(overrides: DefaultOptions = {}): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: (failureCount, error) => retryDelay(failureCount, error),
        staleTime: 5_000,
        ...overrides.queries,
      },
      mutations: { retry: false, ...overrides.mutations },
    },
  });
  // A task's change marks what it owns stale and keeps the needs-you set (decision 0008).
  watchTaskChanges(client);
  return client;
}

export const queryClient = createQueryClient();
