/** A task status as icon + label in the status colour; the label makes it readable without
 *  colour, and it is the exact text the UI contract names (`Waiting for input`, …), so people,
 *  screen readers and tests all find a task's status by the same words. */
import { Icon } from '@/components/ui/icon';
import { cn } from '@/lib/cn';
import { taskStatusMeta } from './status';

export interface StatusBadgeProps {
  status: string | null | undefined;
  className?: string | undefined;
}

export function StatusBadge({ status, className }: StatusBadgeProps) {
  const meta = taskStatusMeta(status);
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap',
        meta.surfaceClass,
        meta.colorClass,
        className,
      )}
    >
      <Icon
        name={meta.icon}
        size="sm"
        className={meta.spins ? 'motion-safe:animate-spin' : undefined}
      />
      {meta.label}
    </span>
  );
}
