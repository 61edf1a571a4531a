/** Virtual time: every lifecycle delay is in virtual ms on a `Clock`. `ScaledClock` runs
 *  `timeScale`× the wall clock (demos 1, end-to-end 20–50); `ManualClock` moves only on `advance`. */

/** What `setTimeout` returns, for `clearTimeout`. */
export type TimerHandle = object;

export interface Clock {
  /** Virtual time in epoch ms. */
  now(): number;
  setTimeout(fn: () => void, virtualMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Starts at the real time (or `startAt`); `performance.now()` keeps it from going backwards. */
export class ScaledClock implements Clock {
  readonly #startVirtual: number;
  readonly #startReal = performance.now();

  constructor(
    readonly timeScale: number,
    startAt: number = Date.now(),
  ) {
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
      throw new RangeError(`timeScale must be a positive number; got ${String(timeScale)}`);
    }
    this.#startVirtual = startAt;
  }

  now(): number {
    return Math.floor(this.#startVirtual + (performance.now() - this.#startReal) * this.timeScale);
  }

  setTimeout(fn: () => void, virtualMs: number): TimerHandle {
    // The HTTP server keeps the process up, never a forgotten virtual timer.
    return setTimeout(fn, Math.max(0, virtualMs) / this.timeScale).unref();
  }

  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as NodeJS.Timeout);
  }
}

interface ManualTimer {
  dueAt: number;
  fn: () => void;
}

/** `advance(ms)` fires every timer due in the window in due order (ties in scheduling order),
 *  with `now()` at each one's due time, so timers set by timers fire too. */
export class ManualClock implements Clock {
  #now: number;
  #timers: ManualTimer[] = [];

  constructor(startAt = Date.UTC(2026, 4, 11, 10, 0, 0)) {
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, virtualMs: number): TimerHandle {
    const timer = { dueAt: this.#now + Math.max(0, virtualMs), fn };
    this.#timers.push(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((t) => t !== handle);
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance() needs a non-negative duration; got ${ms}`);
    const target = this.#now + ms;
    for (;;) {
      // The earliest; strict `<` keeps scheduling order among equals.
      const next = this.#timers.reduce<ManualTimer | undefined>(
        (best, t) => (best === undefined || t.dueAt < best.dueAt ? t : best),
        undefined,
      );
      if (next === undefined || next.dueAt > target) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = Math.max(this.#now, next.dueAt);
      next.fn();
    }
    this.#now = target;
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }
}
