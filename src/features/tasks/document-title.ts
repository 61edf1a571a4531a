/**
 * The browser tab's title. The count of tasks that need a person goes first, in brackets, so it
 * stays visible in a narrow tab among many: someone working in another tab sees "(2) …" and knows
 * an agent is waiting on them without the console sending notifications. Above 99 the exact
 * number stops mattering and would only eat the tab's width. A tab cannot isolate text, so hidden
 * characters in a title are spelled out (`[U+202E]`).
 */
import { visibleText } from '@/lib/reveal-invisibles';

const APP_NAME = 'Agent Console';
const MAX_SHOWN_COUNT = 99;

export function documentTitle(page: string | undefined, needsYou: number): string {
  const name = page?.trim() ? `${visibleText(page.trim())} · ${APP_NAME}` : APP_NAME;
  const count = Number.isNaN(needsYou) ? 0 : Math.floor(needsYou);
  if (count <= 0) return name;
  const shown = count > MAX_SHOWN_COUNT ? `${MAX_SHOWN_COUNT}+` : String(count);
  return `(${shown}) ${name}`;
}
