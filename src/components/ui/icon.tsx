/** A handful of inline stroke icons on a 24 × 24 grid in `currentColor` (cheaper than an icon
 *  library); always decorative: the label beside one carries the meaning. */
import { cn } from '@/lib/cn';

const CIRCLE = 'M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0';

const ICON_PATHS = {
  clock: [CIRCLE, 'M12 7v5l3 2'],
  hourglass: ['M6 3h12', 'M6 21h12', 'M7 3v3a5 5 0 0 0 10 0V3', 'M7 21v-3a5 5 0 0 1 10 0v3'],
  spinner: ['M21 12a9 9 0 1 1-6.2-8.56'],
  'message-question': [
    'M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z',
    'M9.75 9.5a2.25 2.25 0 1 1 3.2 2c-.55.3-.95.75-.95 1.4v.1',
    'M12 15.75h.01',
  ],
  eye: ['M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z', 'M9 12a3 3 0 1 0 6 0a3 3 0 1 0 -6 0'],
  'check-circle': [CIRCLE, 'M8 12.5l2.5 2.5L16 9.5'],
  'x-circle': [CIRCLE, 'M15 9l-6 6', 'M9 9l6 6'],
  'stop-circle': [CIRCLE, 'M9.5 9.5h5v5h-5z'],
  'help-circle': [
    CIRCLE,
    'M9.75 9.5a2.25 2.25 0 1 1 3.2 2c-.55.3-.95.75-.95 1.4v.1',
    'M12 16.5h.01',
  ],
  'alert-triangle': ['M12 3.5l9.5 17h-19z', 'M12 10v4.5', 'M12 17.5h.01'],
  info: [CIRCLE, 'M12 11v5', 'M12 8h.01'],
} as const satisfies Record<string, readonly string[]>;

export type IconName = keyof typeof ICON_PATHS;

/** Sizes are a prop, not a `size-*` class from the caller: `cn()` resolves no conflicts, so a
 *  default `size-4` beside a caller's `size-5` would leave the stylesheet to pick one. */
const SIZES = { sm: 'size-3.5', md: 'size-4', lg: 'size-5' } as const;

export interface IconProps {
  name: IconName;
  /** `sm` 14 px (inside badges), `md` 16 px (beside body text), `lg` 20 px (alerts). */
  size?: keyof typeof SIZES;
  /** Colour, margins, animation — anything but the size. */
  className?: string | undefined;
}

export function Icon({ name, size = 'md', className }: IconProps) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={cn('shrink-0', SIZES[size], className)}
    >
      {ICON_PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
