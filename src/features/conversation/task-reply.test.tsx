import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskListItem } from '@/api/schemas';
import { writeTasks } from '@/entities/task/cache';
import { json, stubFetch, type RecordedRequest } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { resetOutboxForTests } from './reply-outbox';
import { TaskReply } from './task-reply';

const ID = '00000000-0000-4000-8000-00000000a001';
const QUESTION =
  'invoice.txt states two different totals: 559.06 EUR and 605.00 EUR. Which one is the ' +
  'invoice total? Reply with the amount, or "first" or "second".';

const task: TaskListItem = {
  task_id: ID,
  agent_id: 'agent-1',
  status: 'waiting_for_input',
  title: 'Extract the invoice total',
  created_at: '2026-05-12T10:15:00Z',
  updated_at: '2026-05-12T10:15:40Z',
};

interface Msg {
  id: string;
  role: string;
  content: string;
  user_id: string | null;
  created_at: string;
}

const isPost = (request: RecordedRequest) =>
  request.method === 'POST' && request.url.pathname.endsWith('/message');

function fakeApi() {
  const messages: Msg[] = [
    {
      id: 'm1',
      role: 'user',
      content: 'Extract it',
      user_id: 'u1',
      created_at: '2026-05-12T10:15:00Z',
    },
    {
      id: 'm2',
      role: 'assistant',
      content: QUESTION,
      user_id: null,
      created_at: '2026-05-12T10:15:40Z',
    },
  ];
  const posted: string[] = [];
  const stub = stubFetch((request) => {
    if (isPost(request)) {
      const text = (JSON.parse(request.body as string) as { message: string }).message;
      posted.push(text);
      messages.push({
        id: `p${messages.length}`,
        role: 'user',
        content: text,
        user_id: 'u1',
        created_at: new Date().toISOString(),
      });
      return json({ message_id: 'new', task_id: ID, status: 'waiting_for_input' }, { status: 202 });
    }
    if (request.url.pathname.endsWith('/messages')) return json({ data: messages });
    return json({ error: 'unexpected' }, { status: 404 });
  });
  return { ...stub, posted };
}

function setup() {
  const onAction = vi.fn();
  const utils = renderWithProviders(<TaskReply taskId={ID} task={task} onAction={onAction} />, {
    seed: (client) => writeTasks(client, [task]),
  });
  return { ...utils, onAction };
}

beforeEach(() => {
  localStorage.clear();
  resetOutboxForTests();
});

describe('TaskReply', () => {
  it('shows the pending question and offers its choices, one message per click', async () => {
    const api = fakeApi();
    const user = userEvent.setup();
    const { onAction } = setup();

    expect(await screen.findByText(/two different totals/)).toBeVisible();
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    expect(reply).toHaveAccessibleDescription(/two different totals/);
    const suggestions = screen.getByRole('group', { name: 'Suggested replies' });
    expect(
      within(suggestions)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['first', 'second']);

    // A double click sends once.
    await user.dblClick(within(suggestions).getByRole('button', { name: 'second' }));
    await waitFor(() => expect(onAction).toHaveBeenCalled());
    expect(api.posted).toEqual(['second']);
    // Read back: the question is answered, its choices go, and the box says so.
    await waitFor(() =>
      expect(screen.queryByRole('group', { name: 'Suggested replies' })).toBeNull(),
    );
    expect(reply).toHaveAccessibleDescription(/Your answer was sent/);
    expect(screen.getByRole('status')).toHaveTextContent('Answer sent.');
  });

  it('sends what is typed with Send, and clears the box', async () => {
    const api = fakeApi();
    const user = userEvent.setup();
    setup();

    const reply = await screen.findByRole('textbox', { name: 'Reply' });
    await screen.findByText(/two different totals/);
    await user.type(reply, '605.00');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(api.posted).toEqual(['605.00']));
    expect(reply).toHaveValue('');
    await waitFor(() => expect(reply).toHaveAccessibleDescription(/Your answer was sent/));
    expect(api.requests.filter(isPost)).toHaveLength(1);
  });

  it('offers no suggestions for a question without choices', async () => {
    stubFetch((request) =>
      request.url.pathname.endsWith('/messages')
        ? json({
            data: [
              { id: 'q', role: 'assistant', content: 'What is the VAT number?', user_id: null },
            ],
          })
        : json({ error: 'unexpected' }, { status: 404 }),
    );
    setup();
    expect(await screen.findByText('What is the VAT number?')).toBeVisible();
    await act(async () => {});
    expect(screen.queryByRole('group', { name: 'Suggested replies' })).toBeNull();
  });
});
