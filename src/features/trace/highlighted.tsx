/** `text` with every match of the trace search marked (`<mark>`); plain text otherwise. */
import { visibleText } from '@/lib/reveal-invisibles';
import { splitMatches } from './search';

export function Highlighted({ text, query }: { text: string; query: string }) {
  // Hidden characters spelled out and the text isolated, as everywhere data is shown
  // (`components/safe-text.tsx`); the search itself still runs on the raw text.
  if (query.trim() === '') return <bdi>{visibleText(text)}</bdi>;
  const parts = splitMatches(text, query);
  if (parts.length === 1 && !parts[0]?.match) return <bdi>{visibleText(text)}</bdi>;
  return (
    <bdi>
      {parts.map((part, index) =>
        part.match ? (
          <mark key={index} className="rounded-sm bg-warning/25 text-inherit">
            {visibleText(part.text)}
          </mark>
        ) : (
          <span key={index}>{visibleText(part.text)}</span>
        ),
      )}
    </bdi>
  );
}
