import { describe, expect, it } from 'vitest';
import type { TaskMessage } from '@/api/messages';
import {
  askUserQuestion,
  countSameText,
  describeConversation,
  feedQuestion,
  findDelivered,
  messageParts,
  plainText,
  senderOf,
} from './conversation-model';

function message(fields: Partial<TaskMessage>): TaskMessage {
  return {
    id: undefined,
    task_id: undefined,
    agent_id: undefined,
    role: undefined,
    content: undefined,
    created_at: undefined,
    user_id: undefined,
    parent_id: undefined,
    ...fields,
  };
}

const person = (id: string, content: unknown, created_at?: string) =>
  message({ id, content, user_id: 'u1', created_at });
const agent = (id: string, content: unknown, created_at?: string) =>
  message({ id, content, created_at });

describe('senderOf', () => {
  it('reads a person from user_id when no role is sent', () => {
    expect(senderOf({ role: undefined, user_id: 'u1' })).toBe('person');
    expect(senderOf({ role: undefined, user_id: undefined })).toBe('agent');
  });

  it('lets a known role win over user_id', () => {
    expect(senderOf({ role: 'assistant', user_id: 'u1' })).toBe('agent');
    expect(senderOf({ role: 'User', user_id: undefined })).toBe('person');
    expect(senderOf({ role: 'human', user_id: undefined })).toBe('person');
    for (const role of ['agent', 'ai', 'tool', 'system']) {
      expect(senderOf({ role, user_id: 'u1' })).toBe('agent');
    }
  });

  it('falls back to user_id for a role it does not know', () => {
    expect(senderOf({ role: 'moderator', user_id: 'u1' })).toBe('person');
    expect(senderOf({ role: 'moderator', user_id: undefined })).toBe('agent');
  });
});

describe('messageParts and plainText', () => {
  it('reads strings, text blocks and bare {text}; anything else is data', () => {
    expect(messageParts('Hello')).toEqual([{ kind: 'text', text: 'Hello' }]);
    expect(
      messageParts([{ type: 'text', text: 'First' }, { type: 'image', url: 'x.png' }, 'Second']),
    ).toEqual([
      { kind: 'text', text: 'First' },
      { kind: 'data', value: { type: 'image', url: 'x.png' } },
      { kind: 'text', text: 'Second' },
    ]);
    expect(messageParts({ text: 'Bare' })).toEqual([{ kind: 'text', text: 'Bare' }]);
    expect(messageParts({ total: 12 })).toEqual([{ kind: 'data', value: { total: 12 } }]);
    expect(messageParts(null)).toEqual([]);
    expect(messageParts('   ')).toEqual([]);
  });

  it('joins the text, or gives the JSON when there is none', () => {
    expect(plainText([{ type: 'text', text: 'a' }, 'b'])).toBe('a\n\nb');
    expect(plainText({ total: 12 })).toBe('{"total":12}');
    expect(plainText(undefined)).toBe('');
  });
});

describe('describeConversation', () => {
  const messages = [
    person('m1', 'Extract the invoice total'),
    agent('m2', 'Which total: 505.51 or 520.00?'),
  ];

  it('marks the first person message as the opening request', () => {
    const view = describeConversation(messages, 'running');
    expect(view.entries.map((entry) => entry.opening)).toEqual([true, false]);
    const agentFirst = describeConversation([agent('a', 'Hello'), person('b', 'Hi')], 'running');
    expect(agentFirst.entries.some((entry) => entry.opening)).toBe(false);
  });

  it('marks the latest agent message after the last person message while waiting', () => {
    const view = describeConversation(
      [...messages, agent('m3', 'Please reply with the amount.')],
      'waiting_for_input',
    );
    expect(view.entries.map((entry) => entry.question)).toEqual([false, false, true]);
    expect(view.questionMissing).toBe(false);
  });

  it('marks no question unless the task waits for input', () => {
    const view = describeConversation(messages, 'running');
    expect(view.entries.some((entry) => entry.question)).toBe(false);
    expect(view.questionMissing).toBe(false);
  });

  it('says an answered question is answered, never missing, while the task still waits', () => {
    const answered = [...messages, person('m3', '520.00')];
    const view = describeConversation(answered, 'waiting_for_input');
    expect(view.answered).toBe(true);
    expect(view.questionMissing).toBe(false);
    expect(view.entries.some((entry) => entry.question)).toBe(false);
    expect(describeConversation(answered, 'running').answered).toBe(false);
  });

  it('says the question is missing when the log holds nothing of the agent', () => {
    const onlyPerson = [person('m1', 'Extract the invoice total')];
    expect(describeConversation(onlyPerson, 'waiting_for_input').questionMissing).toBe(true);
    expect(describeConversation([], 'waiting_for_input').questionMissing).toBe(true);
    expect(describeConversation(onlyPerson, 'running').questionMissing).toBe(false);
  });

  it('gives every entry a distinct key, even without ids or with repeated ones', () => {
    const view = describeConversation(
      [agent('x', 'a'), agent('x', 'b'), message({ content: 'c' })],
      'running',
    );
    expect(new Set(view.entries.map((entry) => entry.key)).size).toBe(3);
  });
});

describe('feedQuestion', () => {
  const ask = (question: string, created_at?: string) => ({
    type: 'ask_user',
    arguments: { question },
    created_at,
  });
  const opening = person('m1', 'Extract the invoice total', '2026-05-11T10:00:00Z');

  it('is pending until a reply is written at or after the question', () => {
    const feed = [ask('Which total?', '2026-05-11T10:00:05Z')];
    expect(feedQuestion(feed, [opening])).toEqual({ state: 'pending', text: 'Which total?' });
    const reply = person('m2', '520.00', '2026-05-11T10:00:09Z');
    expect(feedQuestion(feed, [opening, reply])).toEqual({ state: 'answered' });
    const second = [...feed, ask('And the currency?', '2026-05-11T10:00:20Z')];
    expect(feedQuestion(second, [opening, reply])).toEqual({
      state: 'pending',
      text: 'And the currency?',
    });
  });

  it('counts replies against questions when there are no times', () => {
    const feed = [ask('Which total?'), ask('And the currency?')];
    const opening = person('m1', 'Extract the invoice total');
    expect(feedQuestion(feed, [opening, person('m2', '520.00')]).state).toBe('pending');
    expect(feedQuestion(feed, [opening, person('m2', '520.00'), person('m3', 'EUR')]).state).toBe(
      'answered',
    );
  });

  it('finds nothing in a feed without a question', () => {
    expect(feedQuestion([{ type: 'message', content: 'Reading' }], [opening])).toEqual({
      state: 'none',
    });
  });
});

describe('askUserQuestion', () => {
  it('reads the simulator’s feed item', () => {
    const feed = [
      { type: 'message', role: 'assistant', content: 'Reading the invoice' },
      {
        type: 'ask_user',
        name: 'ask_user',
        arguments: { question: 'Which total?' },
        content: 'Which total?',
      },
    ];
    expect(askUserQuestion(feed)).toBe('Which total?');
  });

  it.each([
    [
      'a tool call named ask_user',
      { type: 'tool_call', name: 'ask_user', input: { question: 'Q1' } },
    ],
    ['a tool field', { tool: 'ask_user', args: { question: 'Q2' } }],
    ['a tool object', { tool: { name: 'ask_user' }, question: 'Q3' }],
    [
      'a function call with JSON-string arguments',
      { type: 'function_call', function: { name: 'ask_user', arguments: '{"question":"Q4"}' } },
    ],
    ['content blocks', { type: 'ASK_USER', content: [{ type: 'text', text: 'Q5' }] }],
    ['a text field', { name: 'ask_user', text: 'Q6' }],
    ['arguments as a plain string', { name: 'ask_user', arguments: 'Q7' }],
  ])('reads %s', (_label, item) => {
    const question = askUserQuestion([{ type: 'message', content: 'before' }, item]);
    expect(question).toMatch(/^Q\d$/);
  });

  it('takes the latest ask_user step, not an earlier (answered) one', () => {
    const feed = [
      { type: 'ask_user', arguments: { question: 'Old question' } },
      { type: 'message', role: 'user', content: 'answer' },
      { type: 'ask_user', arguments: { question: 'New question' } },
      { type: 'tool_call', name: 'read_file' },
    ];
    expect(askUserQuestion(feed)).toBe('New question');
  });

  it('finds nothing in a feed without ask_user, or with odd items', () => {
    expect(askUserQuestion([])).toBeUndefined();
    expect(askUserQuestion([null, 'x', 3, { type: 'message', content: 'Hi' }])).toBeUndefined();
    expect(askUserQuestion([{ type: 'ask_user', arguments: {} }])).toBeUndefined();
  });
});

describe('findDelivered', () => {
  const since = Date.parse('2026-05-12T10:20:00Z');

  it('finds a person message with the same text created since the attempt', () => {
    const list = [
      agent('a', 'Which?'),
      person('p', '  Use the  second\n total ', '2026-05-12T10:20:01Z'),
    ];
    expect(findDelivered(list, { text: 'Use the second total', since })?.id).toBe('p');
  });

  it('allows the server’s clock to run up to two minutes behind', () => {
    const list = [person('p', 'yes', '2026-05-12T10:18:30Z')];
    expect(findDelivered(list, { text: 'yes', since })?.id).toBe('p');
    const older = [person('p', 'yes', '2026-05-12T10:17:00Z')];
    expect(findDelivered(older, { text: 'yes', since })).toBeUndefined();
  });

  it('ignores the agent’s messages and other texts', () => {
    const list = [
      agent('a', 'yes', '2026-05-12T10:21:00Z'),
      person('p', 'no', '2026-05-12T10:21:00Z'),
    ];
    expect(findDelivered(list, { text: 'yes', since })).toBeUndefined();
  });

  it('counts a message without a readable time', () => {
    expect(findDelivered([person('p', 'yes')], { text: 'yes', since })?.id).toBe('p');
  });

  it('does not take an earlier identical reply for this one when the baseline is known', () => {
    const earlier = person('p1', 'yes', '2026-05-12T10:19:50Z');
    expect(findDelivered([earlier], { text: 'yes', since, baseline: 1 })).toBeUndefined();
    const again = person('p2', 'yes', '2026-05-12T10:20:05Z');
    expect(findDelivered([earlier, again], { text: 'yes', since, baseline: 1 })?.id).toBe('p2');
    expect(countSameText([earlier, again, agent('a', 'yes')], 'yes')).toBe(2);
  });
});
