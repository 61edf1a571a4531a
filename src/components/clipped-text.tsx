/** Text shown whole when short, clipped with `Show all` when long (all of it stays in the page,
 *  findable), as plain text or as code; `compact` clips sooner (side-by-side columns). */
import { useState } from 'react';
import { SafeText } from '@/components/safe-text';

const LIMITS = {
  regular: { chars: 400, lines: 8, clip: 'max-h-40 overflow-hidden' },
  compact: { chars: 300, lines: 6, clip: 'max-h-28 overflow-hidden' },
} as const;

export function ClippedText({
  text,
  code = false,
  size = 'regular',
}: {
  text: string;
  code?: boolean;
  size?: keyof typeof LIMITS;
}) {
  const [open, setOpen] = useState(false);
  const limit = LIMITS[size];
  const long = text.length > limit.chars || text.split('\n').length > limit.lines;
  const body = <SafeText text={text} />;
  return (
    <div className="space-y-1">
      <div className={long && !open ? limit.clip : undefined}>
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
