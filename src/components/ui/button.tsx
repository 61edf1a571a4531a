/** The console's button: `variant` and `size` set its look, `className` only its placement.
 *  `type="button"` by default so a button inside a form never submits it by accident. */
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

const VARIANTS = {
  primary: 'bg-accent text-accent-foreground hover:bg-accent/90 border-transparent',
  secondary: 'bg-surface text-text border-border hover:bg-surface-muted',
  ghost: 'bg-transparent text-text border-transparent hover:bg-surface-muted',
  danger: 'bg-danger text-accent-foreground hover:bg-danger/90 border-transparent',
} as const;

const SIZES = {
  sm: 'h-8 px-3 text-sm gap-1.5',
  /** As tall as the filter fields beside it. */
  field: 'h-9 px-3 text-sm gap-1.5',
  md: 'h-10 px-4 text-sm gap-2',
} as const;

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: keyof typeof VARIANTS;
  size?: keyof typeof SIZES;
  /** `aria-disabled` and dimmed, yet focusable so its description (the reason) is heard; the
   *  caller ignores presses. A bare `aria-disabled` (a request in flight) is not dimmed. */
  blocked?: boolean;
}

export function Button({
  variant = 'secondary',
  size = 'md',
  type = 'button',
  blocked = false,
  className,
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      aria-disabled={blocked || undefined}
      className={cn(
        'inline-flex items-center justify-center rounded-md border font-medium whitespace-nowrap',
        'transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
        'disabled:pointer-events-none disabled:opacity-50',
        blocked && 'cursor-not-allowed opacity-50',
        VARIANTS[variant],
        SIZES[size],
        className,
      )}
      {...props}
    />
  );
}
