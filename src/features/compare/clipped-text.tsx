/** Text clipped to a few lines with `Show all` (the whole text stays in the page, findable), as
 *  plain text or as code. */
import { useState } from 'react';
import { SafeText } from '@/components/safe-text';

const LONG_CHARS = 300;

export function Clipped({ text, code = false }: { text: string; code?: boolean }) {
  const [open, setOpen] = useState(false);
  const long = text.length > LONG_CHARS || text.split('\n').length > 6;
  const body = <SafeText text={text} />;
  return (
    <div className="space-y-1">
      <div className={long && !open ? 'max-h-28 overflow-hidden' : undefined}>
        {code ? (
          <pre className="overflow-x-auto rounded-md bg-surface-muted p-2 font-mono text-xs whitespace-pre-wrap">
            <code>{body}</code>
          </pre>
        ) : (
          <p className="whitespace-pre-wrap">{body}</p>
        )}
      </div>
      {long ? (
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((was) => !was)}
          className="text-xs text-accent underline underline-offset-2"
        >
          {open ? 'Show less' : 'Show all'}
        </button>
      ) : null}
    </div>
  );
}
