import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusBadge } from './status-badge';

describe('StatusBadge', () => {
  it('shows the label beside a decorative icon, in the status colour', () => {
    render(<StatusBadge status="waiting_for_input" />);
    const badge = screen.getByText('Waiting for input');
    expect(badge).toHaveClass('text-status-waiting');
    expect(badge.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
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

  it('says "Unknown" when the API sent no status', () => {
    render(<StatusBadge status={undefined} />);
    expect(screen.getByText('Unknown')).toBeInTheDocument();
  });
});
