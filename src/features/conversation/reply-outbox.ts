/** Replies on their way to the API and those that did not get there, written before each request
 *  goes out, so a reply is never lost nor sent twice (decision 0009). */
import * as v from 'valibot';
import { onResetModuleState } from '@/lib/module-state';
import { stored } from '@/lib/stored';
import { normaliseText } from './conversation-model';

export type OutboxPhase = 'sending' | 'failed' | 'sent';

export interface OutboxEntry {
  /** Local id of this reply (not the API's message id). */
  id: string;
  taskId: string;
  text: string;
  /** Epoch ms when the latest attempt was sent (or, before the first, when it was written). */
  since: number;
  /** Person messages with this text in the conversation when the attempt was sent, if known. */
  baseline: number | undefined;
  phase: OutboxPhase;
  /** The request may have reached the API: look before sending again. */
  unsettled: boolean;
}

export const REPLY_OUTBOX_KEY = 'agent-console:reply-outbox';
export const REPLY_OUTBOX_TTL_MS = 24 * 60 * 60_000;

let entries: OutboxEntry[] | null = null;
const errors = new Map<string, unknown>();
const listeners = new Set<() => void>();
const snapshots = new Map<string, readonly OutboxEntry[]>();
const EMPTY: readonly OutboxEntry[] = [];

const Entry = v.object({
  id: v.string(),
  taskId: v.string(),
  text: v.string(),
  since: v.number(),
  baseline: v.optional(v.number()),
  phase: v.picklist(['sending', 'failed', 'sent']),
  unsettled: v.boolean(),
});

/**
 * What storage holds, as a fresh page sees it: a reply that was being sent when the page went
 * away has an unknown fate (failed, unsettled); one that was accepted is done. Entries older than
 * a day are dropped; errors are not stored.
 */
const storage = stored<{ entries: OutboxEntry[] }>({
  key: REPLY_OUTBOX_KEY,
  version: 1,
  parse: (data) => {
    if (!Array.isArray(data.entries)) return undefined;
    const now = Date.now();
    const list = data.entries.filter(
      (entry): entry is OutboxEntry =>
        v.is(Entry, entry) && entry.phase !== 'sent' && now - entry.since < REPLY_OUTBOX_TTL_MS,
    );
    return {
      entries: list.map((entry) =>
        entry.phase === 'sending' ? { ...entry, phase: 'failed', unsettled: true } : entry,
      ),
    };
  },
  maxChars: 1_000_000,
});

function load(): OutboxEntry[] {
  entries ??= storage.read()?.entries ?? [];
  return entries;
}

function commit(next: OutboxEntry[]): void {
  entries = next;
  snapshots.clear();
  // Refused (quota, no storage): kept in memory for this page.
  storage.write(next.length === 0 ? undefined : { entries: next });
  for (const listener of listeners) listener();
}

// Another tab of the console wrote the outbox: read it again — but a reply this page is sending
// right now is still being sent, whatever the stored copy says.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== REPLY_OUTBOX_KEY && event.key !== null) return;
    const sendingHere = new Set(
      (entries ?? []).filter((entry) => entry.phase === 'sending').map((entry) => entry.id),
    );
    entries = null;
    entries = load().map((entry) =>
      sendingHere.has(entry.id) ? { ...entry, phase: 'sending', unsettled: true } : entry,
    );
    snapshots.clear();
    for (const listener of listeners) listener();
  });
}

export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The task's replies in the outbox, oldest first; the same array until something changes. */
export function outboxEntries(taskId: string): readonly OutboxEntry[] {
  let snapshot = snapshots.get(taskId);
  if (!snapshot) {
    const mine = load().filter((entry) => entry.taskId === taskId);
    snapshot = mine.length > 0 ? mine : EMPTY;
    snapshots.set(taskId, snapshot);
  }
  return snapshot;
}

export function getOutboxEntry(id: string): OutboxEntry | undefined {
  return load().find((entry) => entry.id === id);
}

/** The reply of this task with this text (whitespace aside) still in the outbox, if any. */
export function findOutboxEntry(taskId: string, text: string): OutboxEntry | undefined {
  const wanted = normaliseText(text);
  return load().find((entry) => entry.taskId === taskId && normaliseText(entry.text) === wanted);
}

function newId(): string {
  return typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Puts a reply in the outbox, about to be sent (nothing has gone out yet). */
export function addToOutbox(
  reply: { taskId: string; text: string; baseline: number | undefined },
  now = Date.now(),
): OutboxEntry {
  const entry: OutboxEntry = {
    id: newId(),
    taskId: reply.taskId,
    text: reply.text,
    since: now,
    baseline: reply.baseline,
    phase: 'sending',
    unsettled: false,
  };
  commit([...load(), entry]);
  return entry;
}

/** Changes an entry; `error` (memory only) is what the view explains, cleared when omitted. */
export function updateOutboxEntry(
  id: string,
  patch: Partial<Omit<OutboxEntry, 'id' | 'taskId' | 'text'>>,
  error?: unknown,
): void {
  const current = load();
  if (!current.some((entry) => entry.id === id)) return;
  if (error === undefined) errors.delete(id);
  else errors.set(id, error);
  commit(current.map((entry) => (entry.id === id ? { ...entry, ...patch } : entry)));
}

export function removeFromOutbox(id: string): void {
  const current = load();
  errors.delete(id);
  if (current.some((entry) => entry.id === id)) {
    commit(current.filter((entry) => entry.id !== id));
  }
}

/** Why the entry's last attempt failed, if it failed in this page. */
export function outboxError(id: string): unknown {
  return errors.get(id);
}

/** Forgets everything in memory (tests; storage is left to the caller). */
export const resetOutboxForTests = onResetModuleState(() => {
  entries = null;
  errors.clear();
  snapshots.clear();
});
