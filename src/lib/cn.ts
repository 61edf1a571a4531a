/** `cn()`: joins conditional class names (`clsx`), resolving no Tailwind conflicts. So props
 *  (`variant`, `size`, `tone`, `layout`) set a primitive's look and a caller's `className` only
 *  what the primitive leaves unset: placement, margins, width, display (decision 0005). */
import { clsx, type ClassValue } from 'clsx';

export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
