import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { MessageContent } from './message-content';

describe('MessageContent: the person’s own text', () => {
  it('spells out overrides, zero-width characters and towers of marks, as the agent’s text is', () => {
    renderWithProviders(
      <MessageContent
        sender="person"
        content={`Pay invoice\u202Efdp.exe to pay\u200Bpal, T${'\u0301'.repeat(600)}`}
      />,
    );
    const text = screen.getByText(/Pay invoice/);
    expect(text.textContent).not.toMatch(/[\u202E\u200B]/);
    expect(text).toHaveTextContent(
      `Pay invoiceU+202Efdp.exe to payU+200Bpal, T${'\u0301'.repeat(4)}+596 marks`,
    );
  });
});
