import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { MessageAccepted, TaskMessageList } from './messages';

const parse = (raw: unknown) => v.parse(TaskMessageList, raw);

describe('TaskMessageList', () => {
  it('reads the documented envelope, with id, role, user_id and any JSON content', () => {
    const list = parse({
      data: [
        {
          id: 'm1',
          task_id: 't1',
          role: 'user',
          content: 'Extract the total',
          created_at: '2026-05-12T10:15:00Z',
          user_id: 'u1',
          parent_id: null,
        },
        {
          id: 'm2',
          content: [{ type: 'text', text: 'Which total?' }],
          user_id: null,
          extra: { kept: true },
        },
      ],
    });
    expect(list.unreadable).toEqual([]);
    expect(list.data).toHaveLength(2);
    expect(list.data[0]).toMatchObject({ id: 'm1', role: 'user', user_id: 'u1' });
    expect(list.data[0]?.parent_id).toBeUndefined();
    expect(list.data[1]).toMatchObject({
      id: 'm2',
      content: [{ type: 'text', text: 'Which total?' }],
      extra: { kept: true },
    });
    expect(list.data[1]?.user_id).toBeUndefined();
  });

  it('takes the id from message_id, numeric ids as strings, and keeps messages without one', () => {
    const list = parse({
      items: [{ message_id: 'm1', content: 'a' }, { id: 7, content: 'b' }, { content: 'c' }],
    });
    expect(list.data.map((message) => message.id)).toEqual(['m1', '7', undefined]);
  });

  it('reads a bare array, and sets aside what is not a message without failing the rest', () => {
    const list = parse([{ id: 'm1', content: 'hi' }, 'garbage', null, { id: 'm2', content: 'ok' }]);
    expect(list.data.map((message) => message.id)).toEqual(['m1', 'm2']);
    expect(list.unreadable.map((item) => item.index)).toEqual([1, 2]);
  });

  it('reads fields of an unexpected type as absent instead of failing the message', () => {
    const list = parse({
      data: [{ id: 'm1', role: 42, created_at: { at: 'noon' }, user_id: '', content: 'x' }],
    });
    expect(list.data[0]).toMatchObject({ id: 'm1', content: 'x' });
    expect(list.data[0]?.role).toBeUndefined();
    expect(list.data[0]?.created_at).toBeUndefined();
    expect(list.data[0]?.user_id).toBeUndefined();
  });
});

describe('MessageAccepted', () => {
  it('reads the simulator’s answer, an `id`, a nested message, or nothing at all', () => {
    expect(
      v.parse(MessageAccepted, {
        message_id: 'm9',
        task_id: 't1',
        status: 'waiting_for_input',
        message: 'Message accepted and queued for the agent.',
      }),
    ).toEqual({
      message_id: 'm9',
      task_id: 't1',
      status: 'waiting_for_input',
      message: 'Message accepted and queued for the agent.',
    });
    expect(v.parse(MessageAccepted, { id: 'm1' }).message_id).toBe('m1');
    expect(v.parse(MessageAccepted, { message: { id: 'm2', content: 'x' } }).message_id).toBe('m2');
    expect(v.parse(MessageAccepted, undefined)).toEqual({
      message_id: undefined,
      task_id: undefined,
      status: undefined,
      message: undefined,
    });
  });
});
