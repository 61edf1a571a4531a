import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusBadge } from './status-badge';

describe('StatusBadge', () => {
  it.each([
    ['pending', 'Pending', 'text-status-pending'],
    ['queued', 'Queued', 'text-status-queued'],
    ['running', 'Running', 'text-status-running'],
    ['waiting_for_input', 'Waiting for input', 'text-status-waiting'],
    ['awaiting_review', 'Awaiting review', 'text-status-review'],
    ['completed', 'Completed', 'text-status-completed'],
    ['failed', 'Failed', 'text-status-failed'],
    ['stopped', 'Stopped', 'text-status-stopped'],
  ])('shows %s as "%s" in its colour', (status, label, colorClass) => {
    render(<StatusBadge status={status} />);
    const badge = screen.getByText(label, { exact: true });
    expect(badge).toHaveTextContent(new RegExp(`^${label}$`));
    expect(badge).toHaveClass(colorClass);
  });

  it('pairs the label with a decorative icon, so colour is never the only signal', () => {
    render(<StatusBadge status="waiting_for_input" />);
    const icon = screen.getByText('Waiting for input').querySelector('svg');
    expect(icon).toBeInTheDocument();
    expect(icon).toHaveAttribute('aria-hidden', 'true');
  });

  it('spins only the running icon', () => {
    const { rerender } = render(<StatusBadge status="running" />);
    expect(screen.getByText('Running').querySelector('svg')).toHaveClass(
      'motion-safe:animate-spin',
    );
    rerender(<StatusBadge status="completed" />);
    expect(screen.getByText('Completed').querySelector('svg')).not.toHaveClass(
      'motion-safe:animate-spin',
    );
  });

  it('names a status this build does not know', () => {
    render(<StatusBadge status="hibernating" />);
    expect(screen.getByText('Unknown (hibernating)')).toHaveClass('text-muted');
  });

  it('says "No status" when the API sent none ("Unknown" is for a value it sent)', () => {
    render(<StatusBadge status={undefined} />);
    expect(screen.getByText('No status', { exact: true })).toBeInTheDocument();
  });

  it("puts the caller's classes last", () => {
    render(<StatusBadge status="failed" className="ml-2" />);
    expect(screen.getByText('Failed').className).toMatch(/ ml-2$/);
  });
});
