/** What a task was given, for every view that shows it (the task page's `Run inputs`, Compare):
 *  this browser's record, else the API's answers (`run-inputs-source.ts`); without a record it
 *  reads the messages once and never polls. */
import { useQuery } from '@tanstack/react-query';
import { taskInputsOf } from '@/lib/task-inputs';
import type { CachedTask } from './cache';
import { taskQueries } from './queries';
import { inputsFromApi, inputsFromRecord, type RunInputsView } from './run-inputs-source';

export interface RunInputsState {
  /** Undefined while the messages are being read. */
  view: RunInputsView | undefined;
  /** The messages could not be read: asks again. */
  retry: (() => unknown) | undefined;
}

/** `canRead`: the view's own read of the task is done and fine, so the messages may be read. */
export function useRunInputs(taskId: string, task: CachedTask, canRead: boolean): RunInputsState {
  const local = taskInputsOf(taskId);
  const messages = useQuery({
    ...taskQueries.messages(taskId),
    // Once, and only while nothing is known of them: the first message never changes.
    enabled: (query) =>
      local === undefined && canRead && query.state.data === undefined && !query.state.error,
    refetchInterval: false,
    refetchOnMount: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const result = useQuery({ ...taskQueries.result(taskId, { follow: false }), enabled: false });
  const summary = useQuery({ ...taskQueries.summary(taskId), enabled: false });

  let view: RunInputsView | undefined;
  if (local) view = inputsFromRecord(local);
  else if (messages.data || result.data || messages.isError) {
    view = inputsFromApi({
      tasks: [task, result.data?.task, summary.data].filter(Boolean),
      messages: messages.data?.data,
      feed: result.data?.feed,
    });
  }
  return { view, retry: messages.isError ? messages.refetch : undefined };
}
