import { describe, expect, it } from 'vitest';
import { argumentRows, proposedAction } from './proposed-action';

const draft = { to: 'ann@example.com', subject: 'Renewal', body: 'Hi Ann,\n\nAbout the renewal.' };

describe('proposedAction', () => {
  it('reads the simulator’s pending review step: action, arguments and reason', () => {
    const feed = [
      { type: 'message', role: 'assistant', content: 'I will draft the email.' },
      { type: 'tool_call', name: 'draft_email', arguments: draft, output: { draft_id: 'd-1' } },
      {
        type: 'review',
        role: 'assistant',
        name: 'send_email',
        arguments: draft,
        content: 'Sending an email cannot be undone.',
      },
    ];
    expect(proposedAction(feed)).toEqual({
      name: 'send_email',
      args: draft,
      reason: 'Sending an email cannot be undone.',
      index: 2,
    });
  });

  it('finds nothing pending once the latest review step holds a decision', () => {
    const feed = [
      { type: 'review', name: 'send_email', arguments: draft, output: { decision: 'approved' } },
    ];
    expect(proposedAction(feed)).toBeUndefined();
  });

  it('reads other layouts: a pending status, function-call arguments as a JSON string', () => {
    const feed = [
      {
        kind: 'tool_use',
        status: 'awaiting_approval',
        function: { name: 'transfer', arguments: '{"amount": 120, "iban": "DE00"}' },
        reason: 'Payments need approval.',
      },
    ];
    expect(proposedAction(feed)).toEqual({
      name: 'transfer',
      args: { amount: 120, iban: 'DE00' },
      reason: 'Payments need approval.',
      index: 0,
    });
    expect(
      proposedAction([{ requires_approval: true, action: { name: 'delete', args: { id: 7 } } }]),
    ).toMatchObject({ name: 'delete', args: { id: 7 } });
  });

  it('falls back to the last tool call without an output, and else to nothing', () => {
    const feed = [
      { type: 'tool_call', name: 'read_file', arguments: { name: 'a.txt' }, output: 'text' },
      { type: 'tool_call', name: 'send_email', arguments: draft },
      { type: 'ask_user', name: 'ask_user', arguments: { question: 'Which?' } },
    ];
    expect(proposedAction(feed)).toMatchObject({ name: 'send_email', index: 1 });
    expect(proposedAction([])).toBeUndefined();
    expect(proposedAction([null, 'text', 42, [], { type: 'message' }])).toBeUndefined();
  });

  it('keeps arguments it cannot parse as they are', () => {
    expect(proposedAction([{ type: 'review', name: 'x', arguments: 'not json {' }])).toMatchObject({
      args: 'not json {',
    });
  });
});

describe('argumentRows', () => {
  it('puts recipient, subject and body first and shows every other field', () => {
    const rows = argumentRows({ priority: 'high', body: 'B', to: ['a@x', 'b@x'], subject: 'S' });
    expect(rows.map((row) => row.key)).toEqual(['to', 'subject', 'body', 'priority']);
    expect(rows[0]).toEqual({ key: 'to', kind: 'text', text: 'a@x, b@x' });
  });

  it('shows nested values as JSON, empty ones as (none), and a non-object as one row', () => {
    expect(argumentRows({ to: null, meta: { a: 1 } })).toEqual([
      { key: 'to', kind: 'text', text: '(none)' },
      { key: 'meta', kind: 'json', json: '{\n  "a": 1\n}' },
    ]);
    expect(argumentRows('raw text')).toEqual([
      { key: 'Arguments', kind: 'text', text: 'raw text' },
    ]);
    expect(argumentRows([1, { b: 2 }])).toEqual([
      { key: 'Arguments', kind: 'json', json: '[\n  1,\n  {\n    "b": 2\n  }\n]' },
    ]);
    expect(argumentRows(undefined)).toEqual([]);
  });
});
