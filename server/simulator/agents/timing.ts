/** Step pacing and wording variety drawn from `ctx.random` only, so a seeded run replays exactly. */
/** Virtual milliseconds for one step: an integer in [min, max], 300–1500 by default. */
export function stepDuration(random: () => number, min = 300, max = 1500): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One of `options`, chosen by `random`. */
export function pick<T>(random: () => number, options: readonly [T, ...T[]]): T {
  const index = Math.min(options.length - 1, Math.floor(random() * options.length));
  return options[index] ?? options[0];
}

/** An integer in [min, max]. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
