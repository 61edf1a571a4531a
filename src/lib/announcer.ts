/**
 * Polite announcements for screen readers ("Invoice March now needs your input"), from anywhere
 * in the console to the one `aria-live` region the layout renders. A module store because the
 * things worth announcing (a status that changed in the cache) happen outside any component that
 * could own the region.
 */
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
