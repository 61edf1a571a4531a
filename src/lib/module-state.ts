/**
 * The few stores that must outlive any component (the fetch layer's health, the reply outbox,
 * the run draft…) register how to forget themselves here, so a test starts from nothing with one
 * call (`resetModuleState`, run after every component test) instead of a reset per module.
 */

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
