/** The batch page's one read of its own: the batch's tasks the cache does not know yet, found in
 *  one walk of `GET /tasks?agent_id=…&created_after=…` (pages of 100) instead of one read per
 *  task. Whatever the walk does not find is read on its own by its row, once. */
import { queryOptions, skipToken, type QueryClient } from '@tanstack/react-query';
import { nextCursor } from '@/api/paging';
import type { TaskPage } from '@/api/schemas';
import { listTasks } from '@/api/tasks';
import type { Batch } from '@/entities/batch/model';
import { lacksRowFields, readTask, writeTasks } from '@/entities/task/cache';

/** Tasks a server stamps a little before the browser's clock said the batch began are found too. */
const CLOCK_SLACK_MS = 5 * 60_000;
const PAGE_SIZE = 100;
/** Pages beyond those the missing tasks fill, for other tasks of the agent meanwhile. */
const EXTRA_PAGES = 2;
const MAX_PAGES = 20;

export const batchTaskKeys = {
  /** Not under `['batches', …]`: a change of the batch itself does not walk again. */
  found: (batchId: string) => ['batch-tasks', batchId, 'found'] as const,
};

/** The batch's task ids (every attempt) the cache lacks a status or creation time for. */
export function unknownTaskIds(queryClient: QueryClient, batch: Batch): string[] {
  return batch.files
    .flatMap((file) => file.taskIds)
    .filter((taskId) => lacksRowFields(readTask(queryClient, taskId)));
}

async function findBatchTasks(
  queryClient: QueryClient,
  batch: Batch,
  signal: AbortSignal,
): Promise<{ missing: string[] }> {
  const wanted = new Set(unknownTaskIds(queryClient, batch));
  const pages: TaskPage[] = [];
  const pageParams: (string | undefined)[] = [];
  const maxPages = Math.min(MAX_PAGES, Math.ceil(wanted.size / PAGE_SIZE) + EXTRA_PAGES);
  let cursor: string | undefined;
  while (wanted.size > 0 && pages.length < maxPages) {
    const page = await listTasks(
      {
        agent_id: batch.agentId,
        created_after: new Date(batch.createdAt - CLOCK_SLACK_MS).toISOString(),
        limit: PAGE_SIZE,
        cursor,
      },
      signal,
    );
    // Only the batch's own tasks go into the cache; the rest of the page is not this page's.
    const own = page.data.filter((task) => wanted.has(task.task_id));
    writeTasks(queryClient, own);
    for (const task of own) wanted.delete(task.task_id);
    pages.push(page);
    pageParams.push(cursor);
    cursor = nextCursor({ pages, pageParams }, (task) => task.task_id);
    if (cursor === undefined) break;
  }
  return { missing: [...wanted] };
}

export const batchTaskQueries = {
  /** Read once while the cache keeps it: a finished task never needs reading again, and the
   *  live ones are kept by the live refresh. */
  found: (batch: Batch | null | undefined) =>
    queryOptions({
      queryKey: batchTaskKeys.found(batch?.id ?? ''),
      queryFn: batch ? ({ signal, client }) => findBatchTasks(client, batch, signal) : skipToken,
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      retry: false,
    }),
};
