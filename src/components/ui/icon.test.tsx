import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Icon } from './icon';

// cn() no longer resolves conflicting utilities, so a variant must replace the default outright:
// two classes of one group would leave the stylesheet's order to decide.
describe('size variants', () => {
  it('gives an icon exactly one size class', () => {
    const { container, rerender } = render(<Icon name="info" className="text-danger" />);
    const svg = () => container.querySelector('svg');
    expect(svg()).toHaveClass('size-4', 'text-danger');
    rerender(<Icon name="info" size="lg" />);
    expect(svg()).toHaveClass('size-5');
    expect(svg()).not.toHaveClass('size-4');
  });
});
