/**
 * Shows text from the backend or a person as data: isolated from the text around it (`<bdi>`,
 * so a right-to-left name cannot reorder the words next to it), and with invisible or
 * direction-changing characters made visible as small code-point labels (`lib/reveal-invisibles.ts`),
 * and long unbroken runs free to wrap. React escapes the rest: markup in a name stays text.
 */
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
