/** What every tab of a task's page is given, for the features that draw one. */
import type { CachedTask } from './cache';

export interface TaskTabProps {
  taskId: string;
  /** The task's newest state, from its page's poller: a tab re-reads its own data only when this
   *  changes (decision 0008). */
  task: CachedTask;
  /** Call when the person acted on the task (a reply): the page polls fast and reads it at once. */
  onAction: () => void;
}
