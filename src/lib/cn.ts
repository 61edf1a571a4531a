/**
 * `cn()`: joins conditional class names — `clsx`, nothing more.
 *
 * It used to resolve conflicting Tailwind utilities (tailwind-merge) so a caller's `className`
 * could override a primitive's default. That engine cost ~3 KB gzip of a first page held to
 * 100 KB, more than every override in the console was worth, so the rule that replaces it is:
 *
 * - a component puts the caller's `className` last, for things the component leaves unset
 *   (width, margins, placement);
 * - nothing relies on conflict resolution: two utilities of one group (`size-4 size-5`,
 *   `rounded-md rounded-full`) both reach the DOM and the stylesheet's order, not their order
 *   here, decides. Where callers need to change a default, the component offers a variant prop
 *   (`<Icon size="lg">`) instead of setting it and being overridden.
 */
import { clsx, type ClassValue } from 'clsx';

export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
