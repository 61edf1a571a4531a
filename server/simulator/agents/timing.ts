/** Step pacing drawn from `ctx.random` only, so a seeded run replays exactly. */

/** An integer in [min, max]. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Virtual milliseconds for one ordinary step: 300–1500. */
export function stepDuration(random: () => number): number {
  return randomInt(random, 300, 1500);
}
