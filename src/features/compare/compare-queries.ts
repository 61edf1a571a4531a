/** Compare's one read of its own: the newest tasks of an agent (or of the workspace), once, when
 *  the person is choosing what to compare with. No timer: live rows are kept by the task cache. */
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { listTasks } from '@/api/tasks';
import { readTask, writeTasks, type CachedTask } from '@/entities/task/cache';
import { taskIdOfKey, taskKeys } from '@/entities/task/keys';

/** As many as a person scans when choosing. */
const RECENT_COUNT = 20;

export const compareQueries = {
  recent: (agentId: string | undefined) =>
    queryOptions({
      queryKey: [...taskKeys.lists(), 'recent', agentId ?? null] as const,
      queryFn: async ({ signal, client }) => {
        const page = await listTasks({ agent_id: agentId, limit: RECENT_COUNT }, signal);
        writeTasks(client, page.data);
        return page.data.map((task) => task.task_id);
      },
      staleTime: 30_000,
      refetchOnWindowFocus: false,
    }),
};

function epoch(task: CachedTask | undefined): number {
  const time = Date.parse(task?.created_at ?? '');
  return Number.isNaN(time) ? -Infinity : time;
}

export interface RecentTasks {
  ids: string[];
  isLoading: boolean;
  error: Error | null;
  retry: () => void;
}

/**
 * The newest tasks of `agentId` (every agent's when undefined) but `exclude`: what the cache holds
 * (the list, other pages) joined with one read of the API's newest, newest first.
 */
export function useRecentTasks(agentId: string | undefined, exclude: readonly string[]) {
  const queryClient = useQueryClient();
  const read = useQuery(compareQueries.recent(agentId));
  const cached = queryClient
    .getQueryCache()
    .findAll({ queryKey: taskKeys.all })
    .map((query) => taskIdOfKey(query.queryKey))
    .filter((taskId): taskId is string => taskId !== undefined);
  const ids = [...new Set([...(read.data ?? []), ...cached])]
    .filter((taskId) => !exclude.includes(taskId))
    .filter((taskId) => {
      const task = readTask(queryClient, taskId);
      return task !== undefined && (agentId === undefined || task.agent_id === agentId);
    })
    .sort((a, b) => epoch(readTask(queryClient, b)) - epoch(readTask(queryClient, a)))
    .slice(0, RECENT_COUNT);
  return {
    ids,
    isLoading: read.isPending,
    error: read.error,
    retry: () => void read.refetch(),
  } satisfies RecentTasks;
}
