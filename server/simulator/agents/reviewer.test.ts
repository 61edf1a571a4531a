import { describe, expect, it } from 'vitest';
import { draftEmail, reviewerScript } from './reviewer';
import { context, drive, runInput, textFile } from './test-support';
import type { CompleteStep, ScriptStep } from './types';

function completion(steps: ScriptStep[]): CompleteStep {
  const last = steps[steps.length - 1];
  if (last?.kind !== 'complete') throw new Error(`expected complete, got ${JSON.stringify(last)}`);
  return last;
}

const request = () =>
  runInput('Email jane.doe@globex.com about the overdue March invoice.', [
    textFile('march-invoice.txt', 'Invoice INV-1\nTotal: 559.06 EUR\n'),
  ]);

describe('outreach reviewer', () => {
  it('drafts from the request and the file, then pauses for review of send_email', () => {
    const gen = reviewerScript(request(), context());
    const steps: ScriptStep[] = [];
    for (let r = gen.next(); r.done !== true; r = gen.next()) {
      steps.push(r.value);
      if (r.value.kind === 'review') break;
    }
    expect(steps.map((s) => (s.kind === 'tool_call' ? s.name : s.kind))).toEqual([
      'message',
      'read_file',
      'draft_email',
      'review',
    ]);
    const draft = steps[2];
    const review = steps[3];
    expect(draft).toMatchObject({
      arguments: { to: 'jane.doe@globex.com', subject: 'The overdue March invoice' },
    });
    expect(draft?.kind === 'tool_call' && String(draft.arguments.body)).toMatch(/^Hi Jane,/);
    expect(draft?.kind === 'tool_call' && String(draft.arguments.body)).toContain(
      'I am writing about the overdue March invoice.',
    );
    expect(review).toMatchObject({
      kind: 'review',
      name: 'send_email',
      arguments: { to: 'jane.doe@globex.com' },
    });
  });

  it('sends after approval', () => {
    const steps = drive(reviewerScript, request(), context(), [
      { kind: 'review', approved: true, note: 'Looks good' },
    ]);
    const send = steps.find((s) => s.kind === 'tool_call' && s.name === 'send_email');
    expect(send).toMatchObject({
      arguments: { to: 'jane.doe@globex.com' },
      output: { status: 'sent', to: 'jane.doe@globex.com' },
    });
    const done = completion(steps);
    expect(done.summary).toContain('Email sent to jane.doe@globex.com');
    expect(done.summary).toContain('"Looks good"');
  });

  it('acknowledges a rejection and its note, sends nothing, and completes', () => {
    const steps = drive(reviewerScript, request(), context(), [
      { kind: 'review', approved: false, note: 'Too pushy, soften it' },
    ]);
    expect(steps.some((s) => s.kind === 'tool_call' && s.name === 'send_email')).toBe(false);
    expect(steps.some((s) => s.kind === 'fail')).toBe(false);
    expect(steps[steps.length - 2]).toMatchObject({
      kind: 'message',
      content: expect.stringContaining('"Too pushy, soften it"') as unknown,
    });
    expect(completion(steps).summary).toMatch(/^Nothing was sent/);
  });

  it('flags a missing recipient in the review and does not pretend to send', () => {
    const steps = drive(
      reviewerScript,
      runInput('Write a thank-you note about the launch'),
      context(),
      [{ kind: 'review', approved: true, note: null }],
    );
    expect(steps.find((s) => s.kind === 'review')).toMatchObject({
      reason: expect.stringContaining('No recipient address') as unknown,
    });
    expect(steps.find((s) => s.kind === 'tool_call' && s.name === 'send_email')).toMatchObject({
      output: { status: 'not_sent' },
    });
    expect(completion(steps).summary).toContain('was not sent');
  });

  it('fills the template: recipient from the files when the request names none, generic greeting', () => {
    expect(draftEmail('Send the April statement.', 'billing@acme.com')).toMatchObject({
      to: 'billing@acme.com',
      subject: 'Send the April statement',
      body: expect.stringMatching(
        /^Hello,\n\nI am writing about Send the April statement\./,
      ) as unknown,
    });
    expect(draftEmail('', null)).toMatchObject({ to: null, subject: 'A quick follow-up' });
  });
});
