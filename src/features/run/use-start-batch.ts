/** `useStartBatch`: the Run of `One task per file`. The batch code is fetched only then (it is
 *  not on the first page); a second press while one is starting is dropped, as a single run's. */
import { useMutation, useQueryClient, type UseMutateFunction } from '@tanstack/react-query';
import type { BatchStartOutcome, NewBatch } from '@/entities/batch/start';

export const START_BATCH_KEY = ['batches', 'start'] as const;

export function useStartBatch() {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationKey: START_BATCH_KEY,
    mutationFn: async (input: NewBatch) => {
      const { createAndStartBatch } = await import('@/entities/batch/start');
      return createAndStartBatch(queryClient, input);
    },
    // IndexedDB first, then the API: offline, the batch is kept and says so on its page.
    networkMode: 'always',
  });
  const start: UseMutateFunction<BatchStartOutcome, Error, NewBatch> = (input, options) => {
    if (queryClient.isMutating({ mutationKey: START_BATCH_KEY }) > 0) return;
    mutation.mutate(input, options);
  };
  return { start, isPending: mutation.isPending, error: mutation.error, reset: mutation.reset };
}
