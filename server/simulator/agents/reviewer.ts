/** "Outreach Reviewer": drafts an email from a template filled from the request, then waits for a
 *  person's review before `send_email`, and sends only if approved (decision 0003). */
import { readRunFile } from './files';
import { stepDuration } from './timing';
import type { AgentScript } from './types';

/** Starts only where a run of address characters starts, so a long run is scanned once. */
const EMAIL = /(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

export interface EmailDraft {
  to: string | null;
  subject: string;
  body: string;
}

/**
 * The template: to the first address in the request (else in the files), about the words after
 * "about"/"regarding" (else the request's first sentence), greeting the address's first name.
 */
export function draftEmail(query: string, fileAddress: string | null): EmailDraft {
  const to = EMAIL.exec(query)?.[0] ?? fileAddress;
  const request = query.replace(EMAIL, '').replace(/\s+/g, ' ').trim();
  const about = /\b(?:about|regarding)\s+(.+?)(?:[.?!]|$)/i.exec(request)?.[1];
  const topic =
    (about ?? request.split(/[.?!]/)[0] ?? '').trim().slice(0, 70) || 'a quick follow-up';
  const local = /^[a-z]{2,}/i.exec(to ?? '')?.[0];
  const greeting =
    local === undefined ||
    /^(info|sales|billing|support|contact|team|admin|accounts?)$/i.test(local)
      ? 'Hello'
      : `Hi ${local.charAt(0).toUpperCase()}${local.slice(1).toLowerCase()}`;
  const body = [
    `${greeting},`,
    '',
    `I am writing about ${topic}.`,
    '',
    'Please let me know if you have any questions, or if anything needs to change.',
    '',
    'Best regards,',
    'The Accounts team',
  ].join('\n');
  return { to, subject: `${topic.charAt(0).toUpperCase()}${topic.slice(1)}`, body };
}

export const reviewerScript: AgentScript = function* (input, ctx) {
  const duration = () => stepDuration(ctx.random);
  const names = input.files.map((file) => file.name);
  yield {
    kind: 'message',
    content: `I will ${names.length === 0 ? '' : `read ${names.join(', ')} and `}draft the email from your request, then pause for a review before anything is sent.`,
    durationMs: duration(),
  };
  let fileAddress: string | null = null;
  for (const file of input.files) {
    const read = readRunFile(file, duration(), (text) => EMAIL.exec(text)?.[0] ?? null);
    yield read.step;
    fileAddress ??= read.derived;
  }

  const draft = draftEmail(input.query?.trim() ?? '', fileAddress);
  const hex = (digits: number) =>
    Math.floor(ctx.random() * 16 ** digits)
      .toString(16)
      .padStart(digits, '0');
  const draftId = `draft-${hex(6)}`;
  yield {
    kind: 'tool_call',
    name: 'draft_email',
    arguments: { ...draft },
    output: { draft_id: draftId, status: 'draft' },
    durationMs: duration(),
  };
  const resume = yield {
    kind: 'review',
    name: 'send_email',
    arguments: { ...draft },
    reason:
      'Sending an email on your behalf cannot be undone, so a person must approve it first.' +
      (draft.to === null
        ? ' No recipient address was found: add one before approving, or reject.'
        : ''),
    durationMs: duration(),
  };
  const decided = resume?.kind === 'review' ? resume : null;
  const note = decided?.note?.trim() ? ` Reviewer's note: "${decided.note.trim()}".` : '';

  if (decided?.approved !== true) {
    const heard =
      decided === null ? 'No review decision was received' : 'The reviewer rejected the draft';
    yield {
      kind: 'message',
      content: `${heard}, so I will not send it.${note}`,
      durationMs: duration(),
    };
    const quoted = draft.body.replace(/^/gm, '> ');
    yield {
      kind: 'complete',
      summary: `Nothing was sent: ${heard.toLowerCase()}.${note}\n\n**To:** ${draft.to ?? '(no recipient)'}  \n**Subject:** ${draft.subject}\n\n${quoted}`,
      durationMs: duration(),
    };
    return;
  }
  const messageId = `msg-${hex(8)}`;
  yield {
    kind: 'tool_call',
    name: 'send_email',
    arguments: { ...draft, draft_id: draftId },
    output:
      draft.to === null
        ? { status: 'not_sent', error: 'No recipient address: the email has no "to".' }
        : { status: 'sent', message_id: messageId, to: draft.to },
    durationMs: duration(),
  };
  yield {
    kind: 'complete',
    summary:
      draft.to === null
        ? `The review approved sending, but the email was not sent: it has no recipient address.${note}`
        : `Email sent to ${draft.to} with the subject "${draft.subject}" after approval (message ${messageId}).${note}`,
    durationMs: duration(),
  };
};
