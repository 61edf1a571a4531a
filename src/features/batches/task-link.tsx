/** A link to one of the batch's tasks, named `Task <first 8 of its id>` (the full id on hover). */
import { Link } from 'wouter';

export function shortId(taskId: string): string {
  return taskId.length > 8 ? taskId.slice(0, 8) : taskId;
}

export function taskHref(taskId: string): string {
  return `/tasks/${encodeURIComponent(taskId)}`;
}

export function TaskLink({ taskId }: { taskId: string }) {
  return (
    <Link
      href={taskHref(taskId)}
      title={taskId}
      className="font-mono text-xs text-accent underline underline-offset-2"
    >
      {`Task ${shortId(taskId)}`}
    </Link>
  );
}
