/** `jsonText(value)`: any value as JSON text, never a throw. Feed items come from `JSON.parse`, so
 *  this is plain `JSON.stringify`; the fallbacks only keep a bug elsewhere (a cycle, a `bigint` in
 *  a test) from breaking the view that shows them. */
export function jsonText(value: unknown, space?: number): string {
  try {
    const text = JSON.stringify(value, null, space);
    if (text !== undefined) return text;
  } catch {
    // A cycle or a bigint: fall through.
  }
  if (typeof value === 'bigint') return value.toString();
  return value === undefined ? 'undefined' : `[${typeof value}]`;
}
