/** "Document Summarizer": quotes the opening lines of every attached file in a Markdown section of
 *  its own, and says plainly why a file could not be read (decision 0003). */
import { readRunFile, splitLines, unreadableReason } from './files';
import { stepDuration } from './timing';
import type { AgentScript } from './types';

/** Below this many words a message is a request ("summarize this"), not a text to summarize. */
export const MIN_QUERY_WORDS = 20;
/** Lines quoted from each document. */
export const QUOTED_LINES = 5;

function quote(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `"${line.length > max ? `${line.slice(0, max - 1)}…` : line}"`;
}

/** A section for one document: its size and its first non-blank lines as a block quote. */
function section(title: string, text: string): string {
  const lines = splitLines(text).filter((line) => line.trim() !== '');
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  const quoted = lines.slice(0, QUOTED_LINES).map((line) => `> ${line.trim().slice(0, 200)}`);
  const rest = lines.length - quoted.length;
  const more = rest > 0 ? `\n\n…and ${rest} more ${rest === 1 ? 'line' : 'lines'}.` : '';
  const count = `${lines.length} ${lines.length === 1 ? 'line' : 'lines'}, ${words} ${words === 1 ? 'word' : 'words'}`;
  return `## ${title}\n\n${count}. It begins:\n\n${quoted.join('\n')}${more}`;
}

export const summarizerScript: AgentScript = function* (input, ctx) {
  const duration = () => stepDuration(ctx.random);
  const query = input.query?.trim() ?? '';
  const words = query.split(/\s+/).filter(Boolean).length;
  const instructions = input.outputConfig?.instructions?.trim();
  const remarks = [
    query !== '' && input.files.length > 0 && `You asked: ${quote(query)}.`,
    instructions &&
      `Your instructions: ${quote(instructions)}; the simulator quotes documents and cannot follow them.`,
    input.outputConfig?.output_schema?.trim() &&
      'An output schema was given, but this agent summarizes and does not extract, so it is ignored.',
  ].filter((remark) => typeof remark === 'string' && remark !== '');

  if (input.files.length === 0 && words < MIN_QUERY_WORDS) {
    const said =
      query === ''
        ? 'no files were attached and no text was sent'
        : `no files were attached, and your message (${quote(query, 80)}) is only ${words} ${words === 1 ? 'word' : 'words'}`;
    yield {
      kind: 'complete',
      summary: `Nothing to summarize: ${said}. Attach one or more text files (txt, md, csv, json) or paste the text into the message.`,
      durationMs: duration(),
    };
    return;
  }
  const names = input.files.map((file) => file.name);
  const plan =
    names.length === 0
      ? 'No files were attached, so I will quote the text of your message.'
      : `I'll read ${names.join(', ')} and quote how ${names.length === 1 ? 'it begins' : 'each one begins'}.`;
  yield { kind: 'message', content: [plan, ...remarks].join(' '), durationMs: duration() };
  const sections = names.length === 0 ? [section('Your message', query)] : [];
  for (const file of input.files) {
    const read = readRunFile(file, duration(), (text) => section(file.name, text));
    yield read.step;
    sections.push(read.derived ?? `## ${file.name}\n\nNot read: ${unreadableReason(read.kind)}.`);
  }
  const title =
    names.length === 0
      ? 'Summary of your message'
      : names.length === 1
        ? `Summary of ${names[0]}`
        : `Summary of ${names.length} files`;
  yield {
    kind: 'complete',
    summary: [`# ${title}`, ...sections].join('\n\n'),
    durationMs: duration(),
  };
};
