/**
 * Tailwind theme: semantic colour tokens only, each pointing at a CSS variable defined in
 * `src/styles/index.css`, where the light and dark values live. Components say what a colour
 * means (`bg-surface`, `text-muted`, `text-status-running`) and never which colour it is, so
 * dark mode and palette changes happen in one file. Loaded by Tailwind v4 through
 * `@config "../../tailwind.config.ts";` in that stylesheet.
 */
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
