import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readTask, writeTasks } from './cache';
import { taskKeys } from './keys';
import { TaskSync, type SyncEnvironment } from './tab-sync';

/** Web Locks for one lock name, as a browser keeps them for the tabs of one origin. */
function fakeLocks() {
  let holder: { release: () => void; reject: (error: DOMException) => void } | undefined;
  const queue: { grant: () => void }[] = [];
  const next = () => {
    holder = undefined;
    queue.shift()?.grant();
  };
  const locks = {
    request: (_name: string, options: LockOptions, callback: () => Promise<void>) =>
      new Promise<void>((resolve, reject) => {
        const grant = () => {
          let released = false;
          const release = () => {
            if (released) return;
            released = true;
            resolve();
            next();
          };
          holder = {
            release,
            reject: (error) => {
              released = true;
              reject(error);
            },
          };
          void callback().then(release, release);
        };
        if (options.steal && holder) {
          const stolen = holder;
          holder = undefined;
          stolen.reject(new DOMException('stolen', 'AbortError'));
          grant();
        } else if (!holder) {
          grant();
        } else {
          const entry = { grant };
          queue.push(entry);
          options.signal?.addEventListener('abort', () => {
            const index = queue.indexOf(entry);
            if (index !== -1) queue.splice(index, 1);
            reject(new DOMException('aborted', 'AbortError'));
          });
        }
      }),
  };
  return locks as unknown as LockManager;
}

/** BroadcastChannels of one origin: a message reaches every other channel of the same name. */
function fakeChannels() {
  const open = new Set<BroadcastChannel>();
  const posted: unknown[] = [];
  const create = (name: string) => {
    const channel = {
      name,
      onmessage: null as ((event: MessageEvent) => void) | null,
      postMessage(data: unknown) {
        posted.push(data);
        const copy: unknown = structuredClone(data);
        for (const other of open) {
          if (other !== (channel as unknown as BroadcastChannel)) {
            queueMicrotask(() => {
              other.onmessage?.(new MessageEvent('message', { data: copy }));
            });
          }
        }
      },
      close() {
        open.delete(channel as unknown as BroadcastChannel);
      },
    };
    open.add(channel as unknown as BroadcastChannel);
    return channel as unknown as BroadcastChannel;
  };
  return Object.assign(create, { posted });
}

function tab(locks: LockManager, channels: (name: string) => BroadcastChannel, visible = false) {
  const client = new QueryClient();
  let shown = visible;
  const listeners = new Set<() => void>();
  const env: SyncEnvironment = {
    locks,
    createChannel: channels,
    isVisible: () => shown,
    subscribeVisibility: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    now: () => Date.now(),
  };
  const sync = new TaskSync(client, env);
  const stop = sync.start();
  return {
    client,
    sync,
    stop,
    show: () => {
      shown = true;
      for (const listener of listeners) listener();
    },
  };
}

/** Lets the fakes' queued work (microtasks: lock grants, channel messages) run; no time passes. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('tabs of the console', () => {
  it('elect one leader; when it closes another takes over', async () => {
    const locks = fakeLocks();
    const channels = fakeChannels();
    const first = tab(locks, channels);
    const second = tab(locks, channels);
    await settle();
    expect([first.sync.isLeader(), second.sync.isLeader()]).toEqual([true, false]);

    first.stop();
    await settle();
    expect(second.sync.isLeader()).toBe(true);
    second.stop();
  });

  it('hand the lead to a tab that becomes visible', async () => {
    const locks = fakeLocks();
    const channels = fakeChannels();
    const first = tab(locks, channels);
    const second = tab(locks, channels);
    await settle();
    second.show();
    await settle();
    expect([first.sync.isLeader(), second.sync.isLeader()]).toEqual([false, true]);
    first.stop();
    second.stop();
  });

  it('share every task state one of them reads, so none misses a state another saw', async () => {
    const locks = fakeLocks();
    const channels = fakeChannels();
    const first = tab(locks, channels);
    const second = tab(locks, channels);
    await settle();
    channels.posted.length = 0;
    writeTasks(first.client, [{ task_id: 't1', status: 'waiting_for_input', updated_at: 'b' }]);
    await settle();
    expect(readTask(second.client, 't1')?.status).toBe('waiting_for_input');
    // One message for the read; what arrived is not sent back: no echo between tabs.
    const tasksPosted = channels.posted.filter(
      (message) => (message as { type: string }).type === 'tasks',
    );
    expect(tasksPosted).toHaveLength(1);
    first.stop();
    second.stop();
  });

  it('let the leader run the shared reads for a follower’s lists, and send their results', async () => {
    const locks = fakeLocks();
    const channels = fakeChannels();
    const leader = tab(locks, channels, true);
    await settle();
    const follower = tab(locks, channels, false);
    await settle();
    expect(leader.sync.isLeader()).toBe(true);
    expect(leader.sync.liveInterval()).toBe(false);

    // A visible follower with live rows on screen asks for the live refresh.
    follower.show();
    await settle();
    // (It became the leader by being shown; the first tab now follows and asks in turn.)
    expect(follower.sync.isLeader()).toBe(true);
    const unregister = leader.sync.setLocalDemand('list', () => 2_000);
    await settle();
    expect(follower.sync.liveInterval()).toBe(2_000);

    follower.client.setQueryData(taskKeys.needsYou(), { ids: ['t9'] });
    await settle();
    expect(leader.client.getQueryData(taskKeys.needsYou())).toEqual({ ids: ['t9'] });
    unregister();
    leader.stop();
    follower.stop();
  });
});
