/** Stores that outlive components register how to forget themselves here, so `resetModuleState`
 *  (after every component test) starts the next test from nothing. */

const resets = new Set<() => void>();

/** Registers `reset` to run on `resetModuleState()`; returns `reset` for convenience. */
export function onResetModuleState(reset: () => void): () => void {
  resets.add(reset);
  return reset;
}

/** Forgets what every registered store holds in memory (storage is left to the caller). */
export function resetModuleState(): void {
  for (const reset of resets) reset();
}
