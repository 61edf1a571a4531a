/** The browser tab's title, the count of tasks that need a person first (`(2) …`, capped at 99+) so
 *  it shows in a narrow tab; hidden characters in a title are spelled out (`[U+202E]`). */
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
