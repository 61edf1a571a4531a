/** A grey placeholder shaped like the content that is loading. Decorative: the container that
 *  shows skeletons carries the "loading" announcement (`aria-busy` plus a visually hidden text). */
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

// The corner radius is a prop rather than a caller's `rounded-*`: `cn()` resolves no conflicts.
const SHAPES = { block: 'rounded-md', pill: 'rounded-full' } as const;

export interface SkeletonProps extends ComponentProps<'div'> {
  /** `pill` stands in for a badge; `block` for text and everything else. */
  shape?: keyof typeof SHAPES;
}

export function Skeleton({ shape = 'block', className, ...props }: SkeletonProps) {
  return (
    <div
      aria-hidden="true"
      className={cn('motion-safe:animate-pulse bg-surface-muted', SHAPES[shape], className)}
      {...props}
    />
  );
}
