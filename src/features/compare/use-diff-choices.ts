/** What the person chose for the differences — the key each list is matched by, `Only
 *  differences` — kept in the URL (`match`, `only`), so a reload or a shared link keeps it. */
import { useSearchParams } from 'wouter';

/** `match`'s JSON (`{"line_items":"sku"}`) as list pattern → key field; anything else is none. */
export function parseMatchKeys(raw: string | null): Readonly<Record<string, string>> {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  } catch {
    return {};
  }
}

export interface DiffChoices {
  /** `match` as it stands in the URL: stable between renders, for memoising on. */
  matchParam: string;
  onlyDifferences: boolean;
  setOnlyDifferences: (only: boolean) => void;
  /** Sets (or with '' clears) the key field of one list pattern. */
  setMatchKey: (pattern: string, key: string) => void;
}

export function useDiffChoices(): DiffChoices {
  const [params, setParams] = useSearchParams();
  // Choices replace the entry: Back leaves the comparison, not one toggle.
  const update = (change: (next: URLSearchParams) => void) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        change(next);
        return next;
      },
      { replace: true },
    );
  return {
    matchParam: params.get('match') ?? '',
    onlyDifferences: params.get('only') === '1',
    setOnlyDifferences: (only) =>
      update((next) => (only ? next.set('only', '1') : next.delete('only'))),
    setMatchKey: (pattern, key) =>
      update((next) => {
        const keys = { ...parseMatchKeys(next.get('match')) };
        if (key) keys[pattern] = key;
        else delete keys[pattern];
        if (Object.keys(keys).length === 0) next.delete('match');
        else next.set('match', JSON.stringify(keys));
      }),
  };
}
