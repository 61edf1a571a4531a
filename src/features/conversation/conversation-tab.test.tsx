import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskListItem } from '@/api/schemas';
import { writeTasks } from '@/entities/task/cache';
import { taskKeys } from '@/entities/task/keys';
import { json, stubFetch, type RecordedRequest } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { ConversationTab } from './conversation-tab';
import { replyDrafts } from './reply-draft';
import { REPLY_OUTBOX_KEY, resetOutboxForTests } from './reply-outbox';

let counter = 0;
function newTaskId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

function taskOf(taskId: string, overrides: Partial<TaskListItem> = {}): TaskListItem {
  return {
    task_id: taskId,
    agent_id: 'agent-1',
    status: 'waiting_for_input',
    title: 'Extract the invoice total',
    created_at: '2026-05-12T10:15:00Z',
    updated_at: '2026-05-12T10:15:40Z',
    ...overrides,
  };
}

interface Msg {
  id: string;
  role?: string;
  content: unknown;
  user_id: string | null;
  created_at: string;
}

const opening: Msg = {
  id: 'm1',
  role: 'user',
  content: 'Extract the invoice total',
  user_id: 'u1',
  created_at: '2026-05-12T10:15:00Z',
};
const question: Msg = {
  id: 'm2',
  role: 'assistant',
  content: 'invoice.txt states two different totals: **EUR 505.51** and EUR 520.00. Which one?',
  user_id: null,
  created_at: '2026-05-12T10:15:40Z',
};

function personMessage(id: string, text: string): Msg {
  return { id, role: 'user', content: text, user_id: 'u1', created_at: new Date().toISOString() };
}

const isPost = (request: RecordedRequest) =>
  request.method === 'POST' && request.url.pathname.endsWith('/message');
const isMessagesRead = (request: RecordedRequest) =>
  request.method === 'GET' && request.url.pathname.endsWith('/messages');

/** A fake API: the conversation, and what a POST does to it. */
function fakeApi(
  taskId: string,
  messages: Msg[],
  post?: (text: string) => Response | Promise<Response>,
) {
  return stubFetch(async (request) => {
    if (isMessagesRead(request)) return json({ data: messages });
    if (isPost(request)) {
      const text = (JSON.parse(request.body as string) as { message: string }).message;
      if (post) return post(text);
      messages.push(personMessage(`p${messages.length}`, text));
      return json(
        { message_id: 'new', task_id: taskId, status: 'waiting_for_input' },
        { status: 202 },
      );
    }
    return json({ error: `unexpected ${request.method} ${request.url.pathname}` }, { status: 404 });
  });
}

/** The tab as the task page shows it: the task in its cache entry, handed in as its state. */
function setup(taskId: string, task: TaskListItem) {
  const onAction = vi.fn();
  const utils = renderWithProviders(
    <ConversationTab taskId={taskId} task={task} onAction={onAction} />,
    { seed: (client) => writeTasks(client, [task]) },
  );
  return {
    ...utils,
    onAction,
    /** The task page's poller read `next`: the cache learns it and the tab is handed it. */
    rerenderWith: (next: TaskListItem) => {
      act(() => writeTasks(utils.queryClient, [next]));
      utils.rerender(<ConversationTab taskId={taskId} task={next} onAction={onAction} />);
    },
  };
}

const log = () => screen.getByRole('log', { name: 'Conversation' });
const replyBox = () => screen.getByRole('textbox', { name: 'Reply' });
const sendButton = () => screen.getByRole('button', { name: 'Send' });

beforeEach(() => {
  localStorage.clear();
  resetOutboxForTests();
});

describe('ConversationTab', () => {
  it('shows the request, marks the pending question, and puts the focus in Reply', async () => {
    const id = newTaskId();
    fakeApi(id, [opening, question]);
    setup(id, taskOf(id));

    const item = await within(log()).findByText(/two different totals/);
    const items = within(log()).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Request');
    expect(items[0]).toHaveTextContent('Extract the invoice total');
    const pending = items.find((element) => element.contains(item));
    expect(pending).toHaveTextContent('Question');
    expect(within(pending as HTMLElement).getByText('EUR 505.51').tagName).toBe('STRONG');
    expect(replyBox()).toHaveFocus();
    // Whoever reaches the box hears what they are answering.
    expect(replyBox()).toHaveAccessibleDescription(/two different totals/);
  });

  it('takes the question from the task’s activity when the messages lack it', async () => {
    const id = newTaskId();
    const { requests } = stubFetch((request) => {
      if (isMessagesRead(request)) return json({ data: [opening] });
      if (request.url.pathname.endsWith('/result')) {
        return json({
          task_id: id,
          feed: [
            { kind: 'step', tool: { name: 'ask_user' }, input: { question: 'Which currency?' } },
          ],
        });
      }
      return json({}, { status: 404 });
    });
    setup(id, taskOf(id));
    const found = await within(log()).findByText('Which currency?');
    expect(found.closest('li')).toHaveTextContent('Question');
    expect(requests.filter((r) => r.url.pathname.endsWith('/result'))).toHaveLength(1);
  });

  it('does not read /result while the messages carry the question, or the task runs', async () => {
    const id = newTaskId();
    const { requests } = fakeApi(id, [opening]);
    setup(id, taskOf(id, { status: 'running' }));
    await within(log()).findByText('Extract the invoice total');
    expect(requests.some((r) => r.url.pathname.endsWith('/result'))).toBe(false);
    expect(replyBox()).not.toHaveFocus();
  });

  it('reads the conversation again only when the task changes', async () => {
    const id = newTaskId();
    const { requests } = fakeApi(id, [opening, question]);
    const task = taskOf(id);
    const view = setup(id, task);
    await within(log()).findByText(/two different totals/);
    expect(requests.filter(isMessagesRead)).toHaveLength(1);

    // The same state again: nothing of the conversation is due for a re-read.
    view.rerenderWith({ ...task });
    expect(view.queryClient.getQueryState(taskKeys.messages(id))?.isInvalidated).toBe(false);
    expect(requests.filter(isMessagesRead)).toHaveLength(1);

    view.rerenderWith({ ...task, status: 'running', updated_at: '2026-05-12T10:16:00Z' });
    await waitFor(() => expect(requests.filter(isMessagesRead)).toHaveLength(2));
    // What was known stays on screen while the new read is under way.
    expect(within(log()).getByText(/two different totals/)).toBeVisible();
  });

  it('sends with Enter, adds a line with Shift+Enter, and waits while an IME composes', async () => {
    const id = newTaskId();
    const { requests } = fakeApi(id, [opening, question]);
    const user = userEvent.setup();
    const view = setup(id, taskOf(id));
    await within(log()).findByText(/two different totals/);

    await user.type(replyBox(), 'Use the second{Shift>}{Enter}{/Shift}one');
    expect(replyBox()).toHaveValue('Use the second\none');
    fireEvent.keyDown(replyBox(), { key: 'Enter', isComposing: true });
    fireEvent.keyDown(replyBox(), { key: 'Enter', keyCode: 229 });
    expect(requests.filter(isPost)).toHaveLength(0);

    await user.keyboard('{Enter}');
    await waitFor(() => expect(requests.filter(isPost)).toHaveLength(1));
    expect(JSON.parse(requests.find(isPost)?.body as string)).toEqual({
      message: 'Use the second\none',
    });
    expect(replyBox()).toHaveValue('');
    await waitFor(() => expect(view.onAction).toHaveBeenCalledTimes(1));
    // The reply shows once, from the server's conversation.
    await waitFor(() => expect(within(log()).getAllByText(/Use the second/)).toHaveLength(1));
    await waitFor(() => expect(within(log()).queryByText('Sending…')).not.toBeInTheDocument());
  });

  it('shows the reply at once as Sending…, and a double Enter sends it once', async () => {
    const id = newTaskId();
    let answer: (response: Response) => void = () => {};
    const { requests } = fakeApi(
      id,
      [opening, question],
      () => new Promise<Response>((resolve) => (answer = resolve)),
    );
    const user = userEvent.setup();
    setup(id, taskOf(id));
    await within(log()).findByText(/two different totals/);

    await user.type(replyBox(), '520.00');
    fireEvent.keyDown(replyBox(), { key: 'Enter' });
    fireEvent.keyDown(replyBox(), { key: 'Enter' });
    await user.click(sendButton());

    const pending = await within(log()).findByText('Sending…');
    expect(pending.closest('li')).toHaveTextContent('520.00');
    expect(requests.filter(isPost)).toHaveLength(1);
    expect(sendButton()).toHaveAttribute('aria-disabled', 'true');
    answer(json({ message_id: 'x' }, { status: 202 }));
    await waitFor(() => expect(within(log()).queryByText('Sending…')).not.toBeInTheDocument());
    expect(requests.filter(isPost)).toHaveLength(1);
  });

  it('keeps a failed reply with the server’s words and Retry, which delivers it once', async () => {
    const id = newTaskId();
    let failures = 1;
    const messages = [opening, question];
    const { requests } = fakeApi(id, messages, (text) => {
      if (failures-- > 0) return json({ error: 'Service is deploying' }, { status: 503 });
      messages.push(personMessage('p9', text));
      return json({ message_id: 'p9' }, { status: 202 });
    });
    const user = userEvent.setup();
    const view = setup(id, taskOf(id));
    await within(log()).findByText(/two different totals/);

    await user.type(replyBox(), 'The larger one{Enter}');
    const retry = await within(log()).findByRole('button', { name: 'Retry' });
    const failed = retry.closest('li') as HTMLElement;
    expect(failed).toHaveTextContent('The larger one');
    expect(failed).toHaveTextContent('Not sent');
    expect(within(failed).getByRole('alert')).toHaveTextContent('Service is deploying');
    expect(within(failed).getByRole('alert')).toHaveTextContent(/Press Retry in a moment/);
    expect(view.onAction).not.toHaveBeenCalled();

    await user.click(retry);
    await waitFor(() => expect(within(log()).queryByRole('button', { name: 'Retry' })).toBeNull());
    expect(requests.filter(isPost)).toHaveLength(2);
    await waitFor(() => expect(within(log()).getAllByText('The larger one')).toHaveLength(1));
    expect(view.onAction).toHaveBeenCalledTimes(1);
  });

  it('after a lost answer, Retry reads the conversation first and sends nothing twice', async () => {
    const id = newTaskId();
    const messages = [opening, question];
    let held: (() => void) | null = null;
    const { requests } = stubFetch(async (request) => {
      if (isMessagesRead(request)) {
        // Keep the automatic re-read from settling it, so Retry's own check is what runs.
        if (held === null && requests.filter(isPost).length > 0) {
          await new Promise<void>((resolve) => (held = resolve));
        }
        return json({ data: messages });
      }
      if (isPost(request)) {
        const text = (JSON.parse(request.body as string) as { message: string }).message;
        messages.push(personMessage('p9', text));
        throw new TypeError('Failed to fetch'); // delivered, but the answer never came back
      }
      return json({}, { status: 404 });
    });
    const user = userEvent.setup();
    setup(id, taskOf(id));
    await within(log()).findByText(/two different totals/);

    await user.type(replyBox(), 'Use 520.00{Enter}');
    const retry = await within(log()).findByRole('button', { name: 'Retry' });
    const failed = retry.closest('li') as HTMLElement;
    expect(failed).toHaveTextContent('Not confirmed');
    expect(failed).toHaveTextContent(/never sent twice/);
    // A reply that may have arrived is not offered for editing (a second copy could follow).
    expect(within(failed).queryByRole('button', { name: 'Edit' })).toBeNull();

    await user.click(retry);
    await waitFor(() => expect(within(log()).queryByRole('button', { name: 'Retry' })).toBeNull());
    (held as (() => void) | null)?.();
    expect(requests.filter(isPost)).toHaveLength(1);
    await waitFor(() => expect(within(log()).getAllByText('Use 520.00')).toHaveLength(1));
  });

  it('settles a reply left unconfirmed by an earlier page once the conversation shows it', async () => {
    const id = newTaskId();
    const since = Date.now() - 5_000;
    localStorage.setItem(
      REPLY_OUTBOX_KEY,
      JSON.stringify({
        version: 1,
        entries: [
          {
            id: 'local-1',
            taskId: id,
            text: 'first',
            since,
            baseline: 0,
            phase: 'sending',
            unsettled: true,
          },
        ],
      }),
    );
    const { requests } = fakeApi(id, [opening, question, personMessage('p3', 'first')]);
    setup(id, taskOf(id));
    // From the earlier page: not confirmed, with Retry, until the conversation is read.
    expect(within(log()).getByRole('button', { name: 'Retry' })).toBeVisible();
    await within(log()).findByText(/two different totals/);
    await waitFor(() => expect(within(log()).queryByRole('button', { name: 'Retry' })).toBeNull());
    expect(within(log()).getAllByText('first')).toHaveLength(1);
    expect(requests.filter(isPost)).toHaveLength(0);
  });

  it('explains a 409 on an ended task, and Edit puts the text back', async () => {
    const id = newTaskId();
    fakeApi(id, [opening], () =>
      json({ error: 'Task is completed, so it cannot receive messages.' }, { status: 409 }),
    );
    const user = userEvent.setup();
    const view = setup(id, taskOf(id, { status: 'running' }));
    await within(log()).findByText('Extract the invoice total');
    await user.type(replyBox(), 'One more thing{Enter}');
    const retry = await within(log()).findByRole('button', { name: 'Retry' });
    view.rerenderWith(taskOf(id, { status: 'completed', updated_at: '2026-05-12T10:17:00Z' }));
    const failed = retry.closest('li') as HTMLElement;
    await waitFor(() => expect(failed).toHaveTextContent(/has ended.*start a new run/));

    await user.click(within(failed).getByRole('button', { name: 'Edit' }));
    expect(replyBox()).toHaveValue('One more thing');
    expect(within(log()).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('keeps a blocked Reply reachable, with its reason, and sends nothing', async () => {
    const id = newTaskId();
    const { requests } = fakeApi(id, [opening, question]);
    const user = userEvent.setup();
    setup(id, taskOf(id, { status: 'completed' }));
    await within(log()).findByText(/two different totals/);

    const box = replyBox();
    expect(box).not.toBeDisabled();
    expect(box).toHaveAttribute('aria-disabled', 'true');
    expect(box).toHaveAttribute('readonly');
    expect(box).toHaveAccessibleDescription(/This task has ended: start a new run to continue/);
    expect(sendButton()).toHaveAttribute('aria-disabled', 'true');
    // The question is not pending any more: no Question label on a finished task.
    expect(within(log()).queryByText('Question')).toBeNull();

    await user.tab();
    expect(box).toHaveFocus();
    await user.keyboard('hello{Enter}');
    await user.click(sendButton());
    expect(box).toHaveValue('');
    expect(requests.filter(isPost)).toHaveLength(0);
  });

  it.each([
    ['pending', /not started/],
    ['queued', /not started/],
    ['awaiting_review', /approve or reject the step first/],
  ])('says why Reply is blocked while %s', async (status, reason) => {
    const id = newTaskId();
    fakeApi(id, [opening]);
    setup(id, taskOf(id, { status }));
    await within(log()).findByText('Extract the invoice total');
    expect(replyBox()).toHaveAccessibleDescription(reason);
  });

  it('renders the agent’s HTML and script links inert, and opens links in a new tab', async () => {
    const id = newTaskId();
    const alert = vi.fn();
    vi.stubGlobal('alert', alert);
    const hostile: Msg = {
      id: 'm3',
      role: 'assistant',
      user_id: null,
      created_at: '2026-05-12T10:16:00Z',
      content: [
        'Your text was <img src=x onerror=alert(1)> and [click me](javascript:alert(1)).',
        '',
        '<script>alert(2)</script>',
        '',
        '![pixel](https://tracker.example/p.png) See [the docs](https://example.com/docs).',
      ].join('\n'),
    };
    fakeApi(id, [opening, hostile]);
    const { container } = setup(id, taskOf(id, { status: 'running' }));
    await within(log()).findByText(/Your text was/);

    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(within(log()).getByText(/<img src=x onerror=alert\(1\)>/)).toBeVisible();
    const inert = within(log()).getByText('click me');
    expect(inert.closest('a')).toBeNull();
    fireEvent.click(inert);
    const docs = within(log()).getByRole('link', { name: /the docs/ });
    expect(docs).toHaveAttribute('href', 'https://example.com/docs');
    expect(docs).toHaveAttribute('target', '_blank');
    expect(docs).toHaveAttribute('rel', 'noopener noreferrer');
    expect(within(log()).getByRole('link', { name: /Image: pixel/ })).toHaveAttribute(
      'href',
      'https://tracker.example/p.png',
    );
    for (const link of within(log()).getAllByRole('link')) {
      expect(link.getAttribute('href')).not.toMatch(/^javascript:/i);
    }
    expect(alert).not.toHaveBeenCalled();
  });

  it('shows structured content as text blocks and JSON, and isolates text direction', async () => {
    const id = newTaskId();
    const structured: Msg = {
      id: 'm3',
      user_id: null,
      created_at: '2026-05-12T10:16:00Z',
      content: [
        { type: 'text', text: 'مرحبا بالعالم' },
        { type: 'table', rows: 3 },
      ],
    };
    fakeApi(id, [opening, structured]);
    setup(id, taskOf(id, { status: 'running' }));
    const arabic = await within(log()).findByText('مرحبا بالعالم');
    expect(arabic.closest('[dir="auto"]')).not.toBeNull();
    expect(within(log()).getByText(/"rows": 3/)).toBeVisible();
  });

  it('keeps what is typed in Reply across a remount, per task', async () => {
    const id = newTaskId();
    fakeApi(id, [opening, question]);
    const user = userEvent.setup();
    const first = setup(id, taskOf(id));
    await within(log()).findByText(/two different totals/);
    await user.type(replyBox(), 'half a thought');
    first.unmount();
    expect(replyDrafts.get(id)).toBe('half a thought');

    setup(id, taskOf(id));
    expect(replyBox()).toHaveValue('half a thought');
    expect(replyDrafts.get(newTaskId())).toBe('');
  });

  it('clears the draft once the text is handed over for sending', async () => {
    const id = newTaskId();
    replyDrafts.set(id, 'draft to send');
    replyDrafts.flush();
    fakeApi(id, [opening, question]);
    const user = userEvent.setup();
    setup(id, taskOf(id));
    await within(log()).findByText(/two different totals/);
    expect(replyBox()).toHaveValue('draft to send');
    await user.click(sendButton());
    await waitFor(() => expect(replyDrafts.get(id)).toBe(''));
  });

  it('never shows an answered question as pending again while the task has yet to resume', async () => {
    const id = newTaskId();
    const reply = personMessage('m3', 'Use the grand total, EUR 520.00');
    const { requests } = stubFetch((request) => {
      if (isMessagesRead(request)) return json({ data: [opening, question, reply] });
      if (request.url.pathname.endsWith('/result')) {
        return json({
          task_id: id,
          feed: [{ type: 'ask_user', name: 'ask_user', arguments: { question: 'Which total?' } }],
        });
      }
      return json({}, { status: 404 });
    });
    // The answer is in; the task still says it waits (it resumes a moment later).
    setup(id, taskOf(id, { status: 'waiting_for_input' }));
    await within(log()).findByText('Use the grand total, EUR 520.00');
    expect(within(log()).queryByText('Question')).not.toBeInTheDocument();
    expect(within(log()).queryByText('Which total?')).not.toBeInTheDocument();
    expect(screen.getByText(/Your answer was sent/)).toBeVisible();
    expect(screen.queryByText('The agent is waiting for your answer.')).not.toBeInTheDocument();
    // The messages hold the question: the trace is not read for it.
    expect(requests.some((r) => r.url.pathname.endsWith('/result'))).toBe(false);
  });
});
