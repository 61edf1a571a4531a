/** Task titles (decision 0002): the query, whitespace collapsed, cut at a word to 80 characters
 *  with "…"; for a files-only run, the file names joined, ending "+N more" when they do not fit. */
export const TITLE_MAX_LENGTH = 80;

function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const lastSpace = room.lastIndexOf(' ');
  // Cutting at a space far back would leave a stub; only prefer it when it keeps most of the room.
  const cut = lastSpace >= max / 2 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:.-]+$/, '')}…`;
}

function fileNamesTitle(names: readonly string[], max: number): string {
  const all = names.join(', ');
  if (all.length <= max) return all;
  for (let shown = names.length - 1; shown >= 1; shown--) {
    const candidate = `${names.slice(0, shown).join(', ')} +${names.length - shown} more`;
    if (candidate.length <= max) return candidate;
  }
  return truncateAtWord(`${names[0] ?? ''} +${names.length - 1} more`, max);
}

/** Returns the title for a run's first user message, or null when there is nothing to name. */
export function deriveTitle(query: string | null, fileNames: readonly string[]): string | null {
  const text = (query ?? '').replace(/\s+/g, ' ').trim();
  if (text !== '') return truncateAtWord(text, TITLE_MAX_LENGTH);
  const names = fileNames.map((name) => name.trim()).filter((name) => name !== '');
  if (names.length > 0) return fileNamesTitle(names, TITLE_MAX_LENGTH);
  return null;
}
