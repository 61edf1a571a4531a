/** Polite screen-reader announcements from anywhere to the layout's one `aria-live` region; a
 *  module store: what is announced (a status changed in the cache) happens outside components. */
import { onResetModuleState } from './module-state';

export interface Announcement {
  id: number;
  text: string;
}

let current: Announcement | null = null;
let nextId = 1;
const listeners = new Set<() => void>();
onResetModuleState(() => {
  current = null;
});

export function announce(text: string): void {
  current = { id: nextId++, text };
  for (const listener of listeners) listener();
}

export function subscribeAnnouncements(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function latestAnnouncement(): Announcement | null {
  return current;
}
