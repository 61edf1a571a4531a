/** Several tabs of the console, one set of background reads (decision 0011): one tab, the leader (a
 *  Web Lock; a tab that becomes visible takes it), runs the needs-you watcher and the live refresh
 *  for all; every tab shares each task state it reads over a BroadcastChannel. */
import type { QueryClient } from '@tanstack/react-query';
import { writeTasks, type CachedTask } from './cache';
import { taskIdOfKey, taskKeys } from './keys';

const LOCK_NAME = 'agent-console:leader';
const CHANNEL_NAME = 'agent-console:tasks';
/** A follower repeats what it needs this often; the leader forgets what is not repeated. */
const HEARTBEAT_MS = 10_000;
const DEMAND_TTL_MS = 25_000;

type SharedSet = 'live' | 'needs-you';
const SHARED_KEYS: Record<SharedSet, readonly unknown[]> = {
  live: taskKeys.live(),
  'needs-you': taskKeys.needsYou(),
};

export type SyncMessage =
  | { type: 'tasks'; tasks: CachedTask[] }
  | { type: 'set'; key: SharedSet; data: unknown; updatedAt: number }
  /** A follower's need: how often its lists want the live refresh, and whether it is seen. */
  | { type: 'demand'; from: string; live: number | false; visible: boolean }
  | { type: 'hello' };

interface Demand {
  live: number | false;
  visible: boolean;
  at: number;
}

export interface SyncEnvironment {
  locks: LockManager | undefined;
  createChannel: ((name: string) => BroadcastChannel) | undefined;
  isVisible: () => boolean;
  subscribeVisibility: (listener: () => void) => () => void;
  now: () => number;
}

function browserEnvironment(): SyncEnvironment {
  const hasDocument = typeof document !== 'undefined';
  return {
    locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
    createChannel:
      typeof BroadcastChannel === 'undefined' ? undefined : (name) => new BroadcastChannel(name),
    isVisible: () => !hasDocument || document.visibilityState !== 'hidden',
    subscribeVisibility: (listener) => {
      if (!hasDocument) return () => undefined;
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
    now: Date.now,
  };
}

function fastest(a: number | false, b: number | false): number | false {
  if (a === false) return b;
  if (b === false) return a;
  return Math.min(a, b);
}

export class TaskSync {
  readonly tabId = Math.random().toString(36).slice(2);
  /** Web Locks and BroadcastChannel are there: tabs share. Otherwise each tab leads itself. */
  readonly coordinated: boolean;
  private leader: boolean;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly remote = new Map<string, Demand>();
  private readonly local = new Map<string, () => number | false>();
  private channel: BroadcastChannel | undefined;
  private applying = false;
  private queued: CachedTask[] = [];
  private lastDemand = '';
  private ticket = 0;
  private held: { ticket: number; release: () => void } | undefined;
  private pending: AbortController | undefined;
  private stops: (() => void)[] = [];
  private running = false;

  constructor(
    private readonly queryClient: QueryClient,
    private readonly env: SyncEnvironment = browserEnvironment(),
  ) {
    this.coordinated = env.locks !== undefined && env.createChannel !== undefined;
    this.leader = !this.coordinated;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever leadership, demand or visibility change (for `useSyncExternalStore`). */
  readonly snapshot = (): number => this.version;

  isLeader(): boolean {
    return this.leader;
  }

  private emit(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  private setLeader(leader: boolean): void {
    if (this.leader === leader) return;
    this.leader = leader;
    if (!leader) this.remote.clear();
    this.emit();
  }

  /** Joins the other tabs; returns how to leave. */
  start(): () => void {
    if (!this.coordinated || this.running) return () => undefined;
    this.running = true;
    const channel = this.env.createChannel?.(CHANNEL_NAME);
    this.channel = channel;
    if (channel) {
      channel.onmessage = (event: MessageEvent<SyncMessage>) => this.receive(event.data);
    }
    this.stops.push(this.shareReads());
    this.stops.push(
      this.env.subscribeVisibility(() => {
        if (this.env.isVisible() && !this.leader) this.requestLead(true);
        this.sendDemand(true);
        this.emit();
      }),
    );
    const heartbeat = setInterval(() => this.sendDemand(true), HEARTBEAT_MS);
    this.stops.push(() => clearInterval(heartbeat));
    this.requestLead(this.env.isVisible());
    this.post({ type: 'hello' });
    return () => this.stop();
  }

  private stop(): void {
    this.running = false;
    for (const stop of this.stops.splice(0)) stop();
    this.pending?.abort();
    this.pending = undefined;
    const held = this.held;
    this.held = undefined;
    held?.release();
    this.channel?.close();
    this.channel = undefined;
    this.leader = !this.coordinated;
    this.remote.clear();
    this.emit();
  }

  /** Queues for the lock, or takes it from whoever holds it (`steal`: this tab became visible). */
  private requestLead(steal: boolean): void {
    const locks = this.env.locks;
    if (!locks || !this.running) return;
    this.pending?.abort();
    const controller = new AbortController();
    this.pending = steal ? undefined : controller;
    const ticket = ++this.ticket;
    const options: LockOptions = steal ? { steal: true } : { signal: controller.signal };
    locks
      .request(
        LOCK_NAME,
        options,
        () =>
          new Promise<void>((release) => {
            if (!this.running) {
              release();
              return;
            }
            this.held = { ticket, release };
            this.setLeader(true);
          }),
      )
      .catch(() => undefined)
      .finally(() => {
        // Released, stolen by a tab that became visible, or never granted (aborted).
        if (this.held?.ticket !== ticket) return;
        this.held = undefined;
        this.setLeader(false);
        if (this.running) this.requestLead(false);
      });
  }

  private post(message: SyncMessage): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // A task that cannot be cloned is simply not shared.
    }
  }

  /** Posts every task state this tab read (not those it was sent), a microtask's worth at a
   *  time, and the leader's shared sets. */
  private shareReads(): () => void {
    return this.queryClient.getQueryCache().subscribe((event) => {
      if (this.applying || event.type !== 'updated' || event.action.type !== 'success') return;
      const queryKey = event.query.queryKey as readonly unknown[];
      if (taskIdOfKey(queryKey) !== undefined) {
        const task = event.query.state.data as CachedTask | undefined;
        if (!task) return;
        if (this.queued.length === 0) {
          queueMicrotask(() => {
            const tasks = this.queued.splice(0);
            this.post({ type: 'tasks', tasks });
          });
        }
        this.queued.push(task);
        return;
      }
      if (!this.leader) return;
      for (const key of Object.keys(SHARED_KEYS) as SharedSet[]) {
        if (this.sameKey(queryKey, SHARED_KEYS[key])) this.postSet(key);
      }
    });
  }

  private sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
    return a.length === b.length && a.every((part, index) => part === b[index]);
  }

  private postSet(key: SharedSet): void {
    const state = this.queryClient.getQueryState(SHARED_KEYS[key]);
    if (state?.data === undefined) return;
    this.post({ type: 'set', key, data: state.data, updatedAt: state.dataUpdatedAt });
  }

  private receive(message: SyncMessage): void {
    switch (message.type) {
      case 'tasks':
        this.apply(() => writeTasks(this.queryClient, message.tasks));
        return;
      case 'set': {
        const key = SHARED_KEYS[message.key];
        const current = this.queryClient.getQueryState(key);
        if (current && current.dataUpdatedAt >= message.updatedAt) return;
        this.apply(() =>
          this.queryClient.setQueryData(key, message.data, { updatedAt: message.updatedAt }),
        );
        // What the follower's lists need may have changed with the statuses.
        if (message.key === 'live') this.sendDemand(false);
        return;
      }
      case 'demand':
        if (!this.leader) return;
        this.remote.set(message.from, {
          live: message.live,
          visible: message.visible,
          at: this.env.now(),
        });
        this.emit();
        return;
      case 'hello':
        this.postSet('needs-you');
        this.postSet('live');
        return;
    }
  }

  private apply(write: () => void): void {
    this.applying = true;
    try {
      write();
    } finally {
      this.applying = false;
    }
  }

  /** A follower tells the leader what it needs, when that changed (or always: a heartbeat). */
  private sendDemand(always: boolean): void {
    if (!this.running || this.leader) return;
    const live = this.localInterval();
    const visible = this.env.isVisible();
    const text = JSON.stringify([live, visible]);
    if (!always && text === this.lastDemand) return;
    this.lastDemand = text;
    this.post({ type: 'demand', from: this.tabId, live, visible });
  }

  /** A list on screen says how often its live rows want refreshing (`useLiveDemand`). */
  setLocalDemand(id: string, interval: () => number | false): () => void {
    this.local.set(id, interval);
    this.demandChanged();
    return () => {
      this.local.delete(id);
      this.demandChanged();
    };
  }

  demandChanged(): void {
    this.sendDemand(false);
    this.emit();
  }

  private localInterval(): number | false {
    if (!this.env.isVisible()) return false;
    let interval: number | false = false;
    for (const demand of this.local.values()) interval = fastest(interval, demand());
    return interval;
  }

  private freshRemote(): Demand[] {
    const now = this.env.now();
    return [...this.remote.values()].filter((demand) => now - demand.at < DEMAND_TTL_MS);
  }

  /** How often the leader refreshes the live set: as its own visible lists and every other
   *  tab's need; `false` when nobody needs it. */
  liveInterval(): number | false {
    let interval = this.localInterval();
    if (this.leader)
      for (const demand of this.freshRemote()) interval = fastest(interval, demand.live);
    return interval;
  }

  /** Some tab of the console is in view. */
  anyVisible(): boolean {
    return this.env.isVisible() || (this.leader && this.freshRemote().some((d) => d.visible));
  }
}

const syncs = new WeakMap<QueryClient, TaskSync>();

/** The tab sync of a QueryClient: one per client, so a test's fresh client gets a fresh one. */
export function taskSyncOf(queryClient: QueryClient, env?: SyncEnvironment): TaskSync {
  let sync = syncs.get(queryClient);
  if (!sync) {
    sync = new TaskSync(queryClient, env);
    syncs.set(queryClient, sync);
  }
  return sync;
}
