/** The Summary tab with the conversation's reply in it, for a task waiting for an answer: the two
 *  features meet here, in one lazily loaded chunk. */
import type { TaskTabProps } from '@/entities/task/tab-props';
import { TaskReply } from '@/features/conversation/task-reply';
import { SummaryTab } from '@/features/summary/summary-tab';

export function SummaryWithReply(props: TaskTabProps) {
  return <SummaryTab {...props} reply={TaskReply} />;
}
