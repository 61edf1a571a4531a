/**
 * "Outreach Reviewer": drafts an email from the request and any attached notes, then stops for
 * human review before `send_email`, the one step that cannot be undone.
 *
 * What input does what:
 * - recipient: the first email address in the query, else in the text files; none found means
 *   `to: null`, and the review reason says so (an approved send then reports it was not sent);
 * - subject: the phrase after "about"/"regarding"/"re:" in the query, else its first sentence,
 *   else the first file's name;
 * - body: a greeting from the address's local part ("jane.doe@…" -> "Hi Jane,"), the topic, and
 *   the key figures (amounts, dates) found in the attached text files;
 * - review resumed with `approved: true`: a `send_email` call and `complete`; `approved: false`
 *   (or no decision at all): a message acknowledging the reviewer's note and `complete` saying
 *   nothing was sent. Rejection is a normal outcome, never `fail`.
 */
import { decodeText, isTextLike, readFileOutput, readFileStep } from './files';
import { findFigures, formatMoney } from './figures';
import { pick, stepDuration } from './timing';
import type { AgentScript } from './types';

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** What the reviewer keeps of an attached file: the first address and the key figures in it. */
export interface NoteFacts {
  name: string;
  /** Null when the file is not text or holds no address. */
  email: string | null;
  /** Amounts and dates as the draft quotes them ("1,234.50 EUR", "2026-03-14"). */
  figures: string[];
}

/** Reads what the draft uses from a file's text (null when the file is not text). */
export function noteFacts(name: string, text: string | null): NoteFacts {
  if (text === null) return { name, email: null, figures: [] };
  const found = findFigures(text, 3);
  return {
    name,
    email: EMAIL_RE.exec(text)?.[0] ?? null,
    figures: [
      ...found.amounts.map((a) => formatMoney(a.value, a.currency)),
      ...found.dates.map((d) => d.iso),
    ],
  };
}

export interface EmailDraft {
  to: string | null;
  subject: string;
  body: string;
}

function firstName(address: string | null): string | null {
  const local = address?.split('@')[0] ?? '';
  const word = local.split(/[._+-]/)[0] ?? '';
  if (
    !/^[a-z]{2,}$/i.test(word) ||
    /^(?:info|sales|billing|support|contact|hello|team|admin|accounts?|office|finance)$/i.test(word)
  )
    return null;
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function topicOf(query: string, fileNames: readonly string[]): string {
  const cleaned = query.replace(EMAIL_RE, '').replace(/\s+/g, ' ').trim();
  const about = /\b(?:about|regarding|re:|concerning)\s+(.+?)(?:[.?!;]|$)/i.exec(cleaned)?.[1];
  const sentence = cleaned.split(/[.?!]/)[0]?.trim() ?? '';
  const raw =
    about ??
    (sentence !== ''
      ? sentence
      : fileNames[0] !== undefined
        ? `the attached ${fileNames[0]}`
        : 'a quick follow-up');
  const trimmed = raw.replace(/^(?:the|our|my)\s+/i, (m) => m.toLowerCase());
  return trimmed.length > 70 ? `${trimmed.slice(0, 69)}…` : trimmed;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Builds the draft from the request; pure apart from the wording picked with `random`. */
export function draftEmail(
  query: string,
  files: readonly NoteFacts[],
  random: () => number,
): EmailDraft {
  const to = EMAIL_RE.exec(query)?.[0] ?? files.find((f) => f.email !== null)?.email ?? null;
  const topic = topicOf(
    query,
    files.map((f) => f.name),
  );
  const name = firstName(to);
  const details = files
    .filter((f) => f.figures.length > 0)
    .map((f) => `- From ${f.name}: ${f.figures.join(', ')}`);
  const opening = pick(random, [
    'I hope you are well.',
    'I hope your week is going well.',
    'Thanks for your time recently.',
  ] as const);
  const closing = pick(random, ['Best regards,', 'Kind regards,', 'Many thanks,'] as const);
  const body = [
    `${name === null ? 'Hello' : `Hi ${name}`},`,
    '',
    `${opening} I am writing about ${topic}.`,
    ...(details.length > 0 ? ['', 'The key details:', ...details] : []),
    '',
    'Please let me know if you have any questions, or if anything needs to change.',
    '',
    closing,
    'The Accounts team',
  ].join('\n');
  return { to, subject: capitalise(topic), body };
}

export const reviewerScript: AgentScript = function* (input, ctx) {
  const duration = () => stepDuration(ctx.random);
  const query = input.query?.trim() ?? '';

  const plan =
    input.files.length === 0
      ? 'I will draft the email from your request'
      : `I will read ${input.files.map((f) => f.name).join(', ')} and draft the email from it and your request`;
  yield {
    kind: 'message',
    content: `${plan}, then pause for a review before anything is sent.`,
    durationMs: duration(),
  };
  const files: NoteFacts[] = [];
  for (const file of input.files) {
    const read = file.read((f) => ({
      output: readFileOutput(f),
      facts: noteFacts(f.name, isTextLike(f) ? decodeText(f.bytes) : null),
    }));
    files.push(read.facts);
    yield readFileStep(read.output, duration());
  }

  const draft = draftEmail(query, files, ctx.random);
  const draftId = `draft-${Math.floor(ctx.random() * 0xffffff)
    .toString(16)
    .padStart(6, '0')}`;
  yield {
    kind: 'tool_call',
    name: 'draft_email',
    arguments: { ...draft },
    output: {
      draft_id: draftId,
      status: 'draft',
      words: draft.body.split(/\s+/).filter(Boolean).length,
    },
    durationMs: duration(),
  };

  const reason =
    'Sending an email on your behalf cannot be undone, so a person must approve it first.' +
    (draft.to === null
      ? ' No recipient address was found in the request or the files: add one before approving, or reject.'
      : '');
  const resume = yield {
    kind: 'review',
    name: 'send_email',
    arguments: { ...draft },
    reason,
    durationMs: duration(),
  };
  const approved = resume?.kind === 'review' && resume.approved;
  const note =
    resume?.kind === 'review' && resume.note !== null && resume.note.trim() !== ''
      ? resume.note.trim()
      : null;

  if (!approved) {
    const heard =
      resume?.kind === 'review'
        ? 'The reviewer rejected the draft'
        : 'No review decision was received';
    yield {
      kind: 'message',
      content: `${heard}${note === null ? ' without a note' : `, noting: "${note}"`}. I will not send it.`,
      durationMs: duration(),
    };
    yield {
      kind: 'complete',
      summary: [
        `Nothing was sent: ${heard.charAt(0).toLowerCase()}${heard.slice(1)}${note === null ? '.' : ` ("${note}").`}`,
        `The draft is kept below for reference.`,
        `**To:** ${draft.to ?? '(no recipient)'}  \n**Subject:** ${draft.subject}`,
        draft.body
          .split('\n')
          .map((l) => `> ${l}`)
          .join('\n'),
      ].join('\n\n'),
      durationMs: duration(),
    };
    return;
  }

  const messageId = `msg-${Math.floor(ctx.random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0')}`;
  const output =
    draft.to === null
      ? { status: 'not_sent', error: 'No recipient address: the email has no "to".' }
      : { status: 'sent', message_id: messageId, to: draft.to };
  yield {
    kind: 'tool_call',
    name: 'send_email',
    arguments: { ...draft, draft_id: draftId },
    output,
    durationMs: duration(),
  };
  const noteLine = note === null ? '' : ` Reviewer's note: "${note}".`;
  yield {
    kind: 'complete',
    summary:
      draft.to === null
        ? `The review approved sending, but the email was not sent: it has no recipient address.${noteLine}`
        : `Email sent to ${draft.to} with the subject "${draft.subject}" after approval (message ${messageId}).${noteLine}`,
    durationMs: duration(),
  };
};
