/**
 * Virtual time for the simulator.
 *
 * Every delay in the task lifecycle (pickup, step durations, resume after a reply) is expressed
 * in *virtual* milliseconds and scheduled on a `Clock`. Two implementations exist:
 *
 * - `ScaledClock` runs `timeScale`× faster than the wall clock, so a demo can run at human
 *   speed (1) and an end-to-end suite at 20–50× without changing any script.
 * - `ManualClock` only moves when a test calls `advance(ms)`, which makes lifecycle tests exact
 *   and fast: no real waiting, no flaky sleeps.
 *
 * The engine never calls the global `setTimeout` or `Date.now` directly, only its clock.
 */

/** An opaque handle returned by `Clock.setTimeout`. */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  /** Current virtual time in epoch milliseconds. */
  now(): number;
  /** Runs `fn` once `virtualMs` virtual milliseconds have passed. */
  setTimeout(fn: () => void, virtualMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * Virtual time starts at the real time of construction (or `startAt`) and advances `timeScale`
 * virtual ms per real ms. Uses `performance.now()` so virtual time never goes backwards when the
 * system clock is adjusted.
 */
export class ScaledClock implements Clock {
  readonly timeScale: number;
  readonly #startVirtual: number;
  readonly #startReal = performance.now();
  readonly #timers = new Map<number, NodeJS.Timeout>();
  #nextId = 1;

  constructor(timeScale: number, startAt: number = Date.now()) {
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
      throw new RangeError(`timeScale must be a positive number; got ${String(timeScale)}`);
    }
    this.timeScale = timeScale;
    this.#startVirtual = startAt;
  }

  now(): number {
    return Math.floor(this.#startVirtual + (performance.now() - this.#startReal) * this.timeScale);
  }

  setTimeout(fn: () => void, virtualMs: number): TimerHandle {
    const id = this.#nextId++;
    const realMs = Math.max(0, virtualMs) / this.timeScale;
    const timer = setTimeout(() => {
      this.#timers.delete(id);
      fn();
    }, realMs);
    // A forgotten virtual timer must never keep a test runner or the CLI process alive; the HTTP
    // server is what keeps the process up.
    timer.unref();
    this.#timers.set(id, timer);
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = this.#timers.get(handle.id);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.#timers.delete(handle.id);
    }
  }

  /** Number of timers not yet fired or cleared (for leak checks in tests). */
  get pendingTimers(): number {
    return this.#timers.size;
  }
}

interface ManualTimer {
  id: number;
  dueAt: number;
  fn: () => void;
}

/**
 * A clock that moves only when told to. `advance(ms)` fires every timer that falls due within
 * the window in due-time order (ties in scheduling order), setting `now()` to each timer's due
 * time before running it, so timers scheduled by a timer also fire if they fall in the window.
 */
export class ManualClock implements Clock {
  #now: number;
  #timers: ManualTimer[] = [];
  #nextId = 1;

  constructor(startAt = Date.UTC(2026, 4, 11, 10, 0, 0)) {
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, virtualMs: number): TimerHandle {
    const id = this.#nextId++;
    this.#timers.push({ id, dueAt: this.#now + Math.max(0, virtualMs), fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((t) => t.id !== handle.id);
  }

  /** Moves virtual time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance() needs a non-negative duration; got ${ms}`);
    const target = this.#now + ms;
    for (;;) {
      const next = this.#nextDue();
      if (next === undefined || next.dueAt > target) break;
      this.#timers = this.#timers.filter((t) => t.id !== next.id);
      this.#now = Math.max(this.#now, next.dueAt);
      next.fn();
    }
    this.#now = target;
  }

  /** Fires timers one by one until none is left or `maxMs` of virtual time has passed. */
  runAll(maxMs = 24 * 60 * 60 * 1000): void {
    this.advance(maxMs);
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }

  #nextDue(): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.#timers) {
      // Strict `<` keeps scheduling order among timers due at the same instant.
      if (best === undefined || t.dueAt < best.dueAt) best = t;
    }
    return best;
  }
}
