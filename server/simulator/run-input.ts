/** Reads a run body, JSON `{query, output_config}` or multipart (`files` parts, legacy `file`,
 *  `query` and `output_config` text parts), into one `RunInput` within the file limits.
 *  Multipart is streamed through busboy: bytes past a limit are counted, never held. */
import { once } from 'node:events';
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import type { Context } from 'hono';
import type { RunFile, RunInput } from './agents/types';
import {
  JSON_BODY_LIMIT_BYTES,
  MULTIPART_ALLOWANCE_BYTES,
  bodyRecord,
  formatLimitMb,
  mediaType,
  readBodyChunks,
  readJsonObject,
} from './body';
import { HeldFile } from './input-files';
import { ApiProblem } from './problem';
import type { SimulatorOptions } from './options';
import type { LoggedPart } from './request-log';
import { parse, RunFields } from './validate';

export type FileLimits = Pick<SimulatorOptions, 'maxFileMb' | 'maxFiles'>;

const FILE_FIELDS = ['files', 'file'];
const BYTES_PER_MB = 1024 * 1024;

function formatMb(bytes: number): string {
  return `${(bytes / BYTES_PER_MB).toFixed(1)} MB`;
}

/** A file part as received. Its bytes are kept only while they can be used. */
interface ReceivedFile {
  filename: string;
  /** The part's media type (busboy's `text/plain` when the part declares none). */
  type: string;
  /** Every byte of the part, counted even when they are not kept. */
  size: number;
  /** The bytes kept; null when none are (over a limit or the file count, or never read). */
  chunks: Buffer[] | null;
}

type ReceivedPart =
  | { kind: 'text'; name: string; value: string }
  | { kind: 'file'; name: string; file: ReceivedFile };

/** Text parts a run may carry besides its files (it reads two: query and output_config). */
const MAX_TEXT_PARTS = 100;
/** Parts beyond `maxFiles` a run body may have before it is refused (413). */
const EXTRA_PARTS = 100;

/** The largest multipart run body: every file at its limit, plus the allowance. */
export function multipartBodyLimit(limits: FileLimits): number {
  return Math.ceil(limits.maxFiles * limits.maxFileMb * BYTES_PER_MB) + MULTIPART_ALLOWANCE_BYTES;
}

function unreadable(err: unknown): ApiProblem {
  const detail = err instanceof Error ? err.message : String(err);
  return new ApiProblem(
    400,
    `Could not read the multipart/form-data body (${detail}). Check that the boundary in Content-Type matches the body.`,
  );
}

function checkLimits(files: readonly ReceivedFile[], limits: FileLimits): void {
  if (files.length > limits.maxFiles) {
    const firstOver = files[limits.maxFiles];
    throw new ApiProblem(
      400,
      `This run attaches ${files.length} files; the limit is ${limits.maxFiles} files per run. File "${
        firstOver?.filename ?? ''
      }" and the ones after it are over the limit; split them across several runs.`,
    );
  }
  const maxBytes = limits.maxFileMb * BYTES_PER_MB;
  for (const file of files) {
    if (file.size > maxBytes) {
      throw new ApiProblem(
        400,
        `File "${file.filename}" is ${formatMb(file.size)}; the limit is ${limits.maxFileMb} MB per file.`,
      );
    }
  }
}

/** The parts of a multipart body, each noted for the request log as it arrives. Bytes are kept
 *  for at most `maxFiles` files of `maxFileMb`; past that only counted, so a 400 can name them. */
async function parseMultipart(c: Context, limits: FileLimits): Promise<ReceivedPart[]> {
  const maxFileBytes = limits.maxFileMb * BYTES_PER_MB;
  const logged: LoggedPart[] = [];
  bodyRecord(c).parts = logged;
  const received: ReceivedPart[] = [];
  const state: { slots: number; failure: ApiProblem | null } = {
    slots: limits.maxFiles,
    failure: null,
  };

  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: { 'content-type': c.req.header('content-type') ?? '' },
      // File names stay as the client sent them (the platform's FormData parser did the same).
      preservePath: true,
      // A part is a file when it has a filename, whatever its content type (as in FormData).
      isPartAFile: (_field, _type, filename) => filename !== undefined,
      limits: {
        fieldSize: JSON_BODY_LIMIT_BYTES,
        fields: MAX_TEXT_PARTS,
        parts: limits.maxFiles + EXTRA_PARTS,
      },
    });
  } catch (err) {
    throw unreadable(err);
  }

  parser.on('file', (field: string | undefined, stream, filename, _encoding, type) => {
    const name = field ?? '';
    const file: ReceivedFile = { filename, type, size: 0, chunks: null };
    const part: LoggedPart = { name, filename, ...(type ? { content_type: type } : {}), size: 0 };
    logged.push(part);
    received.push({ kind: 'file', name, file });
    let decided = false;
    stream.on('data', (chunk: Buffer) => {
      file.size += chunk.length;
      part.size = file.size;
      if (!decided) {
        // A slot is taken on the first byte, so empty file inputs never take one.
        decided = true;
        if (FILE_FIELDS.includes(name) && state.slots > 0) {
          file.chunks = [];
          state.slots -= 1;
        }
      }
      if (file.size > maxFileBytes) file.chunks = null;
      file.chunks?.push(chunk);
    });
    // A part cut short errors here too; the parser reports the same error to the loop below.
    stream.on('error', () => undefined);
  });
  parser.on('field', (field: string | undefined, value, _nameTruncated, valueTruncated) => {
    const name = field ?? '';
    if (valueTruncated)
      state.failure ??= new ApiProblem(
        413,
        `The "${name}" part is over ${formatLimitMb(JSON_BODY_LIMIT_BYTES)}, the largest text part accepted.`,
      );
    logged.push({ name, size: Buffer.byteLength(value), value });
    received.push({ kind: 'text', name, value });
  });
  for (const event of ['partsLimit', 'fieldsLimit'] as const) {
    parser.on(
      event,
      () =>
        (state.failure ??= new ApiProblem(
          413,
          `The multipart body has more parts than any run can carry: at most ${limits.maxFiles} files, "query" and "output_config" (over ${limits.maxFiles + EXTRA_PARTS} parts or ${MAX_TEXT_PARTS} text parts is refused).`,
        )),
    );
  }
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('finish', resolve);
    parser.on('error', reject);
  });
  // Awaited below, or abandoned when the body is refused part-way.
  parsed.catch(() => undefined);

  try {
    for await (const chunk of readBodyChunks(
      c,
      multipartBodyLimit(limits),
      () =>
        new ApiProblem(
          413,
          `The request body is over ${formatLimitMb(multipartBodyLimit(limits))}, more than any run can carry: at most ${limits.maxFiles} files of ${limits.maxFileMb} MB, plus ${formatLimitMb(MULTIPART_ALLOWANCE_BYTES)} for the other parts. Send fewer or smaller files.`,
        ),
    )) {
      if (!parser.write(chunk)) await once(parser, 'drain');
      if (state.failure) break;
    }
    if (!state.failure) {
      parser.end();
      await parsed;
    }
  } catch (err) {
    parser.destroy();
    throw err instanceof ApiProblem ? err : unreadable(err);
  }
  if (state.failure) {
    parser.destroy();
    throw state.failure;
  }
  return received;
}

async function readMultipart(c: Context, limits: FileLimits): Promise<RunInput> {
  const parts = await parseMultipart(c, limits);
  const named = (key: string) => parts.filter((part) => part.name === key);

  const files: ReceivedFile[] = [];
  for (const field of FILE_FIELDS) {
    for (const part of named(field)) {
      if (part.kind === 'text') {
        throw new ApiProblem(
          400,
          `The "${field}" part must be a file upload (a part with a filename), not a text value.`,
        );
      }
      // An empty <input type=file> in an HTML form is sent as a nameless, empty part.
      if (part.file.filename === '' && part.file.size === 0) continue;
      files.push(part.file);
    }
  }
  const text = (field: string): string | undefined => {
    const [part, ...more] = named(field);
    if (more.length > 0) throw new ApiProblem(400, `Send at most one "${field}" part.`);
    if (part?.kind === 'file') {
      throw new ApiProblem(
        400,
        `The "${field}" part must be text, not a file. Attach files as "files" parts.`,
      );
    }
    return part?.value;
  };
  const fields = { query: text('query'), output_config: text('output_config') };
  return finish(parse(RunFields, fields), files, limits);
}

function toRunFile(file: ReceivedFile): RunFile {
  const bytes = Buffer.concat(file.chunks ?? []);
  // Let the chunks go once copied, so a large run is not held twice over while the rest is copied.
  file.chunks = null;
  return new HeldFile({
    name: file.filename,
    type: file.type,
    size: file.size,
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  });
}

function finish(
  {
    query = null,
    output_config = null,
  }: { query?: string | null; output_config?: RunInput['outputConfig'] },
  files: ReceivedFile[],
  limits: FileLimits,
): RunInput {
  checkLimits(files, limits);
  if (query === null && files.length === 0)
    throw new ApiProblem(
      400,
      'Nothing to run: send a "query", at least one file, or both. Files go in "files" parts of a multipart/form-data body.',
    );
  return { query, files: files.map(toRunFile), outputConfig: output_config };
}

export async function readRunInput(c: Context, limits: FileLimits): Promise<RunInput> {
  const type = mediaType(c);
  if (type === 'multipart/form-data') return readMultipart(c, limits);
  if (type !== null && type !== 'application/json' && !type.endsWith('+json')) {
    throw new ApiProblem(
      415,
      `Unsupported Content-Type "${type}". Send application/json ({"query": "…"}) or multipart/form-data (with "files" parts).`,
    );
  }
  const body = await readJsonObject(
    c,
    'Attach files as "files" parts of a multipart/form-data body, not inside JSON.',
  );
  return finish(parse(RunFields, body), [], limits);
}
