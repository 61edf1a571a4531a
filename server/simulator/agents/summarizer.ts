/**
 * "Document Summarizer": reads every attached file and writes a Markdown summary with one
 * section per file, built from what is really in the bytes (see `file-digest.ts`).
 *
 * What input does what:
 * - text-like files (txt, md, csv, json, or any clean UTF-8) get a `read_file` call and a
 *   `summarize_text` call each; binary files (pdf, png, docx, …) and empty files get only
 *   `read_file`, and the summary says plainly that their text could not be read;
 * - no files and a query of 20+ words: the query itself is summarized; no files and a shorter (or
 *   no) query: the agent says there is nothing to summarize and completes;
 * - `output_config.instructions` are echoed in the plan message; bullets/prose and "under N
 *   words" are applied, another language or free-form wishes are acknowledged as not possible;
 * - `output_config.output_schema` is acknowledged and ignored (this agent does not extract).
 */
import { digestFile, digestText, renderSummary } from './file-digest';
import type { FileDigest } from './file-digest';
import { countWords, fileKind, readFileOutput, readFileStep } from './files';
import { readInstructions } from './instructions';
import { pick, stepDuration } from './timing';
import type { AgentScript } from './types';

/** Below this many words a query is a request ("summarize this"), not a text to summarize. */
export const MIN_QUERY_WORDS_TO_SUMMARIZE = 20;

function quote(text: string, max = 200): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `"${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}"`;
}

function summarizeOutput(d: FileDigest): Record<string, unknown> {
  if (!d.readable) return { filename: d.name, summarized: false, reason: d.reason };
  return {
    filename: d.name,
    kind: d.kind,
    lines: d.lines,
    words: d.words,
    figures: d.figures,
    ...(d.csv !== undefined && { csv: d.csv }),
    ...(d.json !== undefined && { json: d.json }),
    ...(d.markdown !== undefined && { markdown: d.markdown }),
  };
}

export const summarizerScript: AgentScript = function* (input, ctx) {
  const plan = readInstructions(input.outputConfig?.instructions);
  const query = input.query?.trim() ?? '';
  const files = input.files;
  const remarks = [...plan.remarks];
  if (plan.raw !== '') remarks.unshift(`Your instructions: ${quote(plan.raw)}.`);
  if ((input.outputConfig?.output_schema ?? '').trim() !== '') {
    remarks.push(
      'An output schema was given, but this agent writes summaries and does not extract fields, so it is ignored.',
    );
  }
  const duration = () => stepDuration(ctx.random);

  if (files.length === 0) {
    const words = countWords(query);
    if (words < MIN_QUERY_WORDS_TO_SUMMARIZE) {
      const said =
        query === ''
          ? 'No files were attached and no text was sent'
          : `No files were attached, and your message (${quote(query, 80)}) is only ${words} ${words === 1 ? 'word' : 'words'}`;
      yield {
        kind: 'message',
        content: `${said}, so there is nothing for me to summarize.`,
        durationMs: duration(),
      };
      yield {
        kind: 'complete',
        summary: `Nothing to summarize: ${said.charAt(0).toLowerCase()}${said.slice(1)}. Attach one or more files (txt, md, csv, json) or paste the text into the message.`,
        durationMs: duration(),
      };
      return;
    }
    yield {
      kind: 'message',
      content: [
        `No files were attached, so I will summarize the text of your message (${words} words).`,
        ...remarks,
      ].join(' '),
      durationMs: duration(),
    };
    const digest = digestText(query);
    yield {
      kind: 'tool_call',
      name: 'summarize_text',
      arguments: { source: 'message', characters: query.length },
      output: summarizeOutput(digest),
      durationMs: duration(),
    };
    yield {
      kind: 'complete',
      summary: renderSummary([digest], plan, 'Summary of your message'),
      durationMs: duration(),
    };
    return;
  }

  // A look at each file's first bytes now, for the plan; each is read in full at its own step.
  const kinds = files.map((file) => file.peek(fileKind));
  const names = files.map((f) => f.name).join(', ');
  const dropped = kinds.filter((kind) => kind === 'dropped').length;
  const unreadable = kinds.filter((kind) => kind === 'binary' || kind === 'empty').length;
  const opener = pick(ctx.random, ["I'll read", 'I will go through', 'Let me read'] as const);
  const intro =
    files.length === 1
      ? `${opener} ${names} and write a summary of it.`
      : `${opener} the ${files.length} attached files (${names}) and write a summary with a section for each.`;
  const caveat =
    (unreadable > 0
      ? ` ${unreadable === 1 ? 'One file does' : `${unreadable} files do`} not look like text; I will say so rather than guess.`
      : '') +
    (dropped > 0
      ? ` ${dropped === 1 ? 'One file was' : `${dropped} files were`} dropped by the simulator before I could read ${dropped === 1 ? 'it' : 'them'}.`
      : '');
  const ask = query === '' ? '' : ` You asked: ${quote(query)}.`;
  yield {
    kind: 'message',
    content: [`${intro}${caveat}${ask}`, ...remarks].join(' '),
    durationMs: duration(),
  };

  const digests: FileDigest[] = [];
  for (const file of files) {
    const { output, digest } = file.read((f) => ({
      output: readFileOutput(f),
      digest: digestFile(f),
    }));
    yield readFileStep(output, duration());
    digests.push(digest);
    if (digest.readable) {
      yield {
        kind: 'tool_call',
        name: 'summarize_text',
        arguments: { filename: digest.name, kind: digest.kind },
        output: summarizeOutput(digest),
        durationMs: duration(),
      };
    }
  }

  const readable = digests.filter((d) => d.readable).length;
  const title =
    files.length === 1
      ? `Summary of ${files[0]?.name ?? 'the file'}`
      : `Summary of ${files.length} files`;
  let summary = renderSummary(digests, plan, title);
  if (readable === 0) {
    summary += `\n\nNone of the attached files could be read as text in the simulator, so there is no content to summarize beyond the facts above.`;
  }
  if (plan.language !== null)
    summary += `\n\n_Written in English: the simulator cannot write ${plan.language}._`;
  yield { kind: 'complete', summary, durationMs: duration() };
};
