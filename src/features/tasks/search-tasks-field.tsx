/** The `Search tasks` box. It shows every keystroke at once but writes the URL (and so starts a
 *  read) only once typing pauses for 300 ms, or at once on Enter: one request per search, not per
 *  letter. When the URL's search changes from elsewhere (Clear filters, Back), the box follows. */
import { useEffect, useEffectEvent, useId, useState } from 'react';
import { useDebouncedValue } from '@/lib/use-debounced-value';

export const SEARCH_DEBOUNCE_MS = 300;

export interface SearchTasksFieldProps {
  /** The search as the URL holds it (trimmed). */
  value: string;
  onCommit: (q: string) => void;
  className?: string | undefined;
  inputClassName: string;
}

export function SearchTasksField({
  value,
  onCommit,
  className,
  inputClassName,
}: SearchTasksFieldProps) {
  const [text, setText] = useState(value);
  // Follow the URL when it changes under us, unless it merely caught up with what is typed.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (text.trim() !== value) setText(value);
  }

  const commit = (next: string) => {
    if (next.trim() !== value) onCommit(next.trim());
  };
  const debounced = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  // Only a change of the debounced text commits; the URL changing alone must not write back.
  const commitDebounced = useEffectEvent(commit);
  useEffect(() => commitDebounced(debounced), [debounced]);
  const id = useId();

  return (
    <div className={className}>
      {/* The field says what it is by its placeholder; the label is for assistive technology. */}
      <label htmlFor={id} className="sr-only">
        Search
      </label>
      <input
        id={id}
        type="search"
        aria-label="Search tasks"
        placeholder="Search titles…"
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit(text);
          }
        }}
        className={inputClassName}
      />
    </div>
  );
}
