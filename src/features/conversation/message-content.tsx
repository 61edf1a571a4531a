/** The body of one message: the agent's text as safe Markdown, a person's as the plain text they
 *  typed (`SafeText`), anything else as JSON cut past `MAX_JSON_CHARS`, so one huge payload cannot
 *  freeze the conversation. */
import { messageParts, type Sender } from './conversation-model';
import { SafeMarkdown } from '@/components/safe-markdown';
import { SafeText } from '@/components/safe-text';

export const MAX_JSON_CHARS = 20_000;

function JsonBlock({ value }: { value: unknown }) {
  let json: string;
  try {
    json = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    json = String(value);
  }
  const cut = json.length > MAX_JSON_CHARS;
  return (
    <div className="space-y-1">
      <pre className="rounded-md bg-surface-muted p-2 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere]">
        {cut ? json.slice(0, MAX_JSON_CHARS) : json}
      </pre>
      {cut ? (
        <p className="text-xs text-muted">
          Shortened: {(json.length - MAX_JSON_CHARS).toLocaleString('en')} more characters are not
          shown.
        </p>
      ) : null}
    </div>
  );
}

export function MessageContent({ content, sender }: { content: unknown; sender: Sender }) {
  const parts = messageParts(content);
  if (parts.length === 0) return <p className="text-sm text-muted italic">(empty message)</p>;
  return (
    <div className="space-y-2">
      {parts.map((part, index) =>
        part.kind === 'data' ? (
          <JsonBlock key={index} value={part.value} />
        ) : sender === 'agent' ? (
          <SafeMarkdown key={index} text={part.text} />
        ) : (
          <p
            key={index}
            dir="auto"
            className="text-sm whitespace-pre-wrap [overflow-wrap:anywhere]"
          >
            <SafeText text={part.text} />
          </p>
        ),
      )}
    </div>
  );
}
