/**
 * `useTaskAction(taskId)`: what to call when the person acted on a task from one of its views
 * (a reply sent from the Conversation tab): the task's page polls every second for the next ten
 * seconds (the ladder's rule after an action) and reads the task at once, so the consequence —
 * `waiting_for_input` turning `running` — shows without waiting for the next step of the ladder.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { taskKeys } from './tasks-queries';
import { recordAction } from './watch-registry';

export function useTaskAction(taskId: string): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    recordAction(taskId);
    void queryClient.invalidateQueries({ queryKey: taskKeys.detail(taskId), exact: true });
  }, [queryClient, taskId]);
}
