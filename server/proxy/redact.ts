/** Finding and hiding the API key in what the upstream sends back: headers, status texts, error
 *  bodies. An upstream may echo the key in any letter case, URL-encoded, or JSON-escaped. */

export const REDACTED = '[redacted]';

/** The spellings of `apiKey` an answer might carry, most specific first. */
function spellings(apiKey: string): string[] {
  const json = JSON.stringify(apiKey).slice(1, -1);
  return [
    ...new Set([apiKey, encodeURIComponent(apiKey), json, json.replaceAll('/', '\\/')]),
  ].filter((form) => form !== '');
}

function keyPattern(apiKey: string): RegExp | undefined {
  if (apiKey === '') return undefined;
  const escaped = spellings(apiKey).map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('|'), 'gi');
}

/** Whether `text` contains the key in any of its spellings. */
export function carriesKey(text: string, apiKey: string): boolean {
  const pattern = keyPattern(apiKey);
  return pattern !== undefined && pattern.test(text);
}

/** `text` with every spelling of the key replaced by `[redacted]`. */
export function redactKey(text: string, apiKey: string): string {
  const pattern = keyPattern(apiKey);
  return pattern === undefined ? text : text.replace(pattern, REDACTED);
}

/**
 * `body` with the key redacted, byte for byte elsewhere: read as latin1, where every byte is one
 * character, so a body that is not UTF-8 comes through unchanged (the key itself is ASCII).
 */
export function redactKeyBytes(body: Buffer, apiKey: string): Buffer {
  const text = body.toString('latin1');
  const redacted = redactKey(text, apiKey);
  return redacted === text ? body : Buffer.from(redacted, 'latin1');
}
