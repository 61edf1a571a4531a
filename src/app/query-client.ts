/**
 * The app's one QueryClient and the defaults every query inherits: the documented retry policy
 * (see `api/retry.ts`) and a short freshness window so moving between pages does not refetch
 * what was fetched a moment ago. Features override per query in their `*-queries.ts`.
 *
 * Mutations never retry automatically: `POST /agents/{id}/run` is not idempotent, and a retried
 * run after a lost response would start a second task. The person decides, with a Retry button.
 */
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
