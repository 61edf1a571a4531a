/**
 * Replies on their way to the API, and those that did not get there: the outbox.
 *
 * A reply moves here from the Reply box the moment it is sent, and leaves only when the API
 * accepted it (or the conversation shows it arrived). Until then it is shown in the conversation
 * — "Sending…", or failed with Retry — so its text is never lost. It is a module store kept in
 * `localStorage`, not component state, for the reasons of decision 0007:
 *
 * - Nothing that unmounts can lose it: a tab switch, a crashed panel, a route change or a reload
 *   in the middle of a request.
 * - It is written before the request goes out (`unsettled: true`, write-ahead) and that flag is
 *   cleared only by a definite answer (accepted, or refused by the API). A lost answer, a reload
 *   or a closed tab leaves it set, and the next attempt first reads the conversation to learn
 *   whether the reply arrived (`findDelivered`), so it is never sent twice.
 *
 * Entries older than a day are dropped. Where storage is unavailable (private modes, quotas),
 * the store lives in memory for the page. Errors are kept in memory only: after a reload a
 * failed reply says it was not confirmed, without the old error text.
 */
import { onResetModuleState } from '@/lib/module-state';
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
const VERSION = 1;

let entries: OutboxEntry[] | null = null;
const errors = new Map<string, unknown>();
const listeners = new Set<() => void>();
const snapshots = new Map<string, readonly OutboxEntry[]>();
const EMPTY: readonly OutboxEntry[] = [];

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    typeof entry.taskId === 'string' &&
    typeof entry.text === 'string' &&
    typeof entry.since === 'number' &&
    (entry.baseline === undefined || typeof entry.baseline === 'number') &&
    (entry.phase === 'sending' || entry.phase === 'failed' || entry.phase === 'sent') &&
    typeof entry.unsettled === 'boolean'
  );
}

/**
 * What storage holds, as a fresh page sees it: a reply that was being sent when the page went
 * away has an unknown fate (failed, unsettled); one that was accepted is done.
 */
function parse(raw: string | null, now: number): OutboxEntry[] {
  if (raw === null) return [];
  try {
    const stored: unknown = JSON.parse(raw);
    if (typeof stored !== 'object' || stored === null) return [];
    const { version, entries: list } = stored as { version?: unknown; entries?: unknown };
    if (version !== VERSION || !Array.isArray(list)) return [];
    return list
      .filter(isEntry)
      .filter((entry) => entry.phase !== 'sent' && now - entry.since < REPLY_OUTBOX_TTL_MS)
      .map((entry) =>
        entry.phase === 'sending' ? { ...entry, phase: 'failed', unsettled: true } : entry,
      );
  } catch {
    return []; // written by another version, or damaged: nothing we can trust
  }
}

function load(): OutboxEntry[] {
  if (entries === null) {
    try {
      entries = parse(localStorage.getItem(REPLY_OUTBOX_KEY), Date.now());
    } catch {
      entries = [];
    }
  }
  return entries;
}

function commit(next: OutboxEntry[]): void {
  entries = next;
  snapshots.clear();
  try {
    if (next.length === 0) localStorage.removeItem(REPLY_OUTBOX_KEY);
    else
      localStorage.setItem(REPLY_OUTBOX_KEY, JSON.stringify({ version: VERSION, entries: next }));
  } catch {
    // Kept in memory for this page.
  }
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
