/** Tailwind theme: semantic colour tokens only, each a CSS variable of `src/styles/index.css`
 *  (light and dark values); loaded through `@config` in that stylesheet. */
import type { Config } from 'tailwindcss';

const token = (name: string) => `var(--ac-${name})`;

export default {
  theme: {
    extend: {
      colors: {
        surface: { DEFAULT: token('surface'), muted: token('surface-muted') },
        border: token('border'),
        text: token('text'),
        muted: token('muted'),
        accent: { DEFAULT: token('accent'), foreground: token('accent-foreground') },
        danger: token('danger'),
        warning: token('warning'),
        success: token('success'),
        status: {
          pending: token('status-pending'),
          queued: token('status-queued'),
          running: token('status-running'),
          waiting: token('status-waiting'),
          review: token('status-review'),
          completed: token('status-completed'),
          failed: token('status-failed'),
          stopped: token('status-stopped'),
        },
      },
    },
  },
} satisfies Config;
