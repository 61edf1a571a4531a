/** Shows text from the backend or a person as data: isolated (`<bdi>`), invisible characters made
 *  visible (`lib/reveal-invisibles.ts`), long runs free to wrap; React escapes the rest. */
import { codePointLabel, revealInvisibles } from '@/lib/reveal-invisibles';

export function SafeText({ text }: { text: string }) {
  const pieces = revealInvisibles(text);
  return (
    <bdi className="[overflow-wrap:anywhere]">
      {pieces.map((piece, index) =>
        'text' in piece ? (
          piece.text
        ) : (
          <abbr
            key={index}
            title={`Hidden in this text: ${codePointLabel(piece.hidden)}`}
            className="mx-px rounded-sm border border-warning/50 bg-warning/10 px-0.5 font-mono text-[0.7em] text-warning no-underline"
          >
            {codePointLabel(piece.hidden)}
          </abbr>
        ),
      )}
    </bdi>
  );
}
