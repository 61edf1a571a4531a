/** A grey placeholder shaped like the content that is loading. Decorative: the container that
 *  shows skeletons carries the "loading" announcement (`aria-busy` plus a visually hidden text). */
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      aria-hidden="true"
      className={cn('motion-safe:animate-pulse rounded-md bg-surface-muted', className)}
      {...props}
    />
  );
}
