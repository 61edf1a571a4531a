/** `text` with every match of the trace search marked (`<mark>`); plain text otherwise. */
import { splitMatches } from './search';

export function Highlighted({ text, query }: { text: string; query: string }) {
  if (query.trim() === '') return <>{text}</>;
  const parts = splitMatches(text, query);
  if (parts.length === 1 && !parts[0]?.match) return <>{text}</>;
  return (
    <>
      {parts.map((part, index) =>
        part.match ? (
          <mark key={index} className="rounded-sm bg-warning/25 text-inherit">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
