/** The extracted data of a batch's completed files, for the downloads: each task's `/summary`
 *  from the cache (the rows read it once), or read now; a file whose summary cannot be read is
 *  named with the server's message rather than silently left out. */
import type { QueryClient } from '@tanstack/react-query';
import { taskQueries } from '@/entities/task/queries';
import { readSummary } from '@/entities/task/summary-answer';
import { describeError } from '@/lib/error-advice';
import type { BatchDataEntry } from './batch-csv';
import type { BatchProgress } from './batch-progress';

export async function readBatchData(
  queryClient: QueryClient,
  progress: Pick<BatchProgress, 'completed'>,
): Promise<{ entries: BatchDataEntry[]; failures: { file: string; message: string }[] }> {
  const results = await Promise.allSettled(
    progress.completed.map(({ taskId }) => queryClient.fetchQuery(taskQueries.summary(taskId))),
  );
  const entries: BatchDataEntry[] = [];
  const failures: { file: string; message: string }[] = [];
  results.forEach((result, index) => {
    const completed = progress.completed[index];
    if (!completed) return;
    const file = completed.view.file.name;
    if (result.status === 'fulfilled') {
      entries.push({
        file,
        taskId: completed.taskId,
        data: readSummary(result.value).extractedData,
      });
    } else {
      failures.push({ file, message: describeError(result.reason).message });
    }
  });
  return { entries, failures };
}
