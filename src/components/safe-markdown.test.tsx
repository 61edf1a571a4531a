import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SafeMarkdown } from './safe-markdown';

function renderMarkdown(text: string) {
  return render(<SafeMarkdown text={text} />).container;
}

describe('SafeMarkdown', () => {
  it('shows inline and block HTML as text, never as elements', () => {
    const container = renderMarkdown(
      'Hi <img src=x onerror=alert(1)> there\n\n<div onclick="alert(2)">block</div>\n\n<iframe src="https://evil.example"></iframe>',
    );
    expect(container.querySelector('img, div[onclick], iframe')).toBeNull();
    expect(container).toHaveTextContent('Hi <img src=x onerror=alert(1)> there');
    expect(container).toHaveTextContent('<div onclick="alert(2)">block</div>');
  });

  it('makes javascript:, vbscript: and data: links plain text', () => {
    const container = renderMarkdown(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:x) [d](data:text/html,<b>x</b>) <javascript:alert(1)>',
    );
    for (const link of container.querySelectorAll('a')) {
      expect(link.getAttribute('href') ?? '').not.toMatch(/^(javascript|vbscript|data):/i);
    }
    expect(screen.getByText('a').closest('a')).toBeNull();
    expect(screen.getByText('d').closest('a')).toBeNull();
  });

  it('opens web links in a new tab without opener or referrer', () => {
    renderMarkdown('See [docs](https://example.com) and https://example.org/x');
    for (const link of screen.getAllByRole('link')) {
      expect(link).toHaveAttribute('target', '_blank');
      expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    }
    expect(screen.getByRole('link', { name: /docs/ })).toHaveAttribute(
      'href',
      'https://example.com',
    );
  });

  it('renders GFM tables, and headings as bold paragraphs that keep the page outline', () => {
    const container = renderMarkdown('# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(screen.queryByRole('heading')).toBeNull();
    expect(screen.getByText('Title').tagName).toBe('P');
    expect(screen.getByRole('table')).toBeVisible();
    expect(container.querySelectorAll('td')).toHaveLength(2);
  });
});

describe('SafeMarkdown and hidden characters', () => {
  it('spells out a right-to-left override instead of letting it reverse the text', () => {
    const { container } = render(<SafeMarkdown text={'Open \u202Egnp.exe now'} />);
    expect(container).toHaveTextContent('Open [U+202E]gnp.exe now');
    expect(container.textContent).not.toContain('\u202E');
  });
});
