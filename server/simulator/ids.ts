/**
 * Deterministic randomness for the simulator.
 *
 * Tests and end-to-end journeys refer to seeded agents and to tasks they create; with the same
 * seed the simulator must hand out the same ids and make the same "random" choices (latency,
 * injected error rate, script variation) in the same order. `Math.random` and `crypto.randomUUID`
 * cannot be seeded, so this module provides a small seeded PRNG and UUIDv4-shaped ids built from it.
 */

/** A function returning uniformly distributed numbers in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: tiny, fast and good enough for simulation (not for cryptography).
 * The state is a single 32-bit integer, so seeds are reduced to 32 bits.
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes a base seed with labels/numbers into an independent 32-bit seed (FNV-1a over the parts),
 * so separate concerns (ids, faults, each task's script) get independent streams and adding a
 * draw in one never shifts the others.
 */
export function deriveSeed(seed: number, ...parts: (string | number)[]): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (const part of parts) {
    const text = `|${String(part)}`;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash >>> 0;
}

/** Returns a function producing UUIDv4-shaped ids (version nibble 4, RFC 4122 variant). */
export function createIdFactory(random: Random): () => string {
  return () => {
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Any RFC 4122 textual UUID (any version), case-insensitive, as the API accepts. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
