import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, stubFetch, type RecordedRequest } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { SimulatorReview } from './simulator-review';

const TASK = '00000000-0000-4000-8000-000000000042';
const isReview = (request: RecordedRequest) =>
  request.method === 'POST' && request.url.pathname === `/__console/simulator/tasks/${TASK}/review`;

describe('SimulatorReview', () => {
  it('approves once, with the note, and tells the page', async () => {
    let answer: (response: Response) => void = () => {};
    const { requests } = stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const onDecided = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<SimulatorReview taskId={TASK} onDecided={onDecided} />);

    const group = screen.getByRole('group', { name: 'Simulator review' });
    await user.type(within(group).getByRole('textbox', { name: /Review note/ }), 'Looks right');
    await user.dblClick(within(group).getByRole('button', { name: 'Approve' }));
    await user.click(within(group).getByRole('button', { name: 'Reject' }));
    expect(requests.filter(isReview)).toHaveLength(1);
    expect(JSON.parse(requests[0]?.body as string)).toEqual({
      decision: 'approve',
      note: 'Looks right',
    });

    answer(json({ task_id: TASK, status: 'awaiting_review' }));
    expect(await screen.findByRole('status')).toHaveTextContent(/Approved/);
    expect(onDecided).toHaveBeenCalledTimes(1);
    expect(within(group).getByRole('button', { name: 'Reject' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });

  it('rejects without a note, and explains a refusal', async () => {
    const { requests } = stubFetch(() =>
      requests.filter(isReview).length === 1
        ? json(
            { error: 'Task is running; only a task that is awaiting_review can be rejected.' },
            { status: 409 },
          )
        : json({ status: 'awaiting_review' }),
    );
    const onDecided = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<SimulatorReview taskId={TASK} onDecided={onDecided} />);
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('only a task that is awaiting_review');
    expect(JSON.parse(requests[0]?.body as string)).toEqual({ decision: 'reject' });
    expect(onDecided).not.toHaveBeenCalled();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Reject' })).not.toHaveAttribute('aria-disabled'),
    );
  });
});
