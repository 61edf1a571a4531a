/** Upstream error bodies (4xx/5xx) are read before they are relayed, so that a key an upstream
 *  echoes ("Invalid API key sk-… for this workspace") never reaches the screen. They are small;
 *  anything past `ERROR_BODY_LIMIT_BYTES`, or in a coding the proxy cannot read, is not relayed. */
import zlib from 'node:zlib';
import { redactKeyBytes } from './redact';

export const ERROR_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * `raw` decoded per `Content-Encoding` and with the key redacted, or undefined when it cannot be
 * read (an unknown coding, a broken stream, or more than `limit` bytes once decoded).
 */
export function readableErrorBody(
  raw: Buffer,
  contentEncoding: string | undefined,
  apiKey: string,
  limit = ERROR_BODY_LIMIT_BYTES,
): Buffer | undefined {
  const decoded = decode(raw, (contentEncoding ?? '').trim().toLowerCase(), limit);
  return decoded === undefined || decoded.length > limit
    ? undefined
    : redactKeyBytes(decoded, apiKey);
}

function decode(raw: Buffer, coding: string, limit: number): Buffer | undefined {
  // `maxOutputLength` stops a small compressed body from inflating past the limit in memory.
  const options = { maxOutputLength: limit + 1 };
  try {
    switch (coding) {
      case '':
      case 'identity':
        return raw;
      case 'gzip':
      case 'x-gzip':
        return zlib.gunzipSync(raw, options);
      case 'deflate':
        return zlib.inflateSync(raw, options);
      case 'br':
        return zlib.brotliDecompressSync(raw, options);
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
