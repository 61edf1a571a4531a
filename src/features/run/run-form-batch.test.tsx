import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { stubFetch, json } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { RunForm } from './run-form';

const AGENT = '11111111-1111-4111-8111-111111111111';

function csv(name: string): File {
  return new File(['a,b\n1,2\n'], name, { type: 'text/csv' });
}

function renderForm(onBatchStarted?: (id: string) => void) {
  stubFetch(() => json({ data: [], has_more: false, next_cursor: null }));
  return renderWithProviders(
    <RunForm
      agentId={AGENT}
      agentField={() => <p>agent chosen</p>}
      apiBaseUrl="https://agents.nanonets.com"
      fileLimits={{ maxFileBytes: 1024 * 1024, maxFiles: 2 }}
      onStarted={vi.fn()}
      onBatchStarted={onBatchStarted}
    />,
  );
}

function fileInput(): HTMLInputElement {
  return document.querySelector<HTMLInputElement>('input[type=file]:not([webkitdirectory])')!;
}

describe('RunForm, One task per file', () => {
  it('is offered from two files on, and only where the page can open a batch', async () => {
    const user = userEvent.setup();
    renderForm(vi.fn());
    await user.upload(fileInput(), csv('a.csv'));
    expect(screen.queryByRole('switch', { name: 'One task per file' })).not.toBeInTheDocument();
    await user.upload(fileInput(), csv('b.csv'));
    expect(screen.getByRole('switch', { name: 'One task per file' })).not.toBeChecked();
  });

  it('is not offered without a batch page', async () => {
    const user = userEvent.setup();
    renderForm();
    await user.upload(fileInput(), [csv('a.csv'), csv('b.csv')]);
    expect(screen.queryByRole('switch', { name: 'One task per file' })).not.toBeInTheDocument();
  });

  it('takes back the files refused for their number, and blocks a single run of them all', async () => {
    const user = userEvent.setup();
    renderForm(vi.fn());
    await user.upload(fileInput(), [csv('a.csv'), csv('b.csv'), csv('c.csv'), csv('d.csv')]);
    const files = screen.getByRole('list', { name: 'Files' });
    expect(files.querySelectorAll('li')).toHaveLength(2);
    expect(screen.getByRole('list', { name: 'Rejected files' })).toHaveTextContent(
      'too many files',
    );

    await user.click(screen.getByRole('switch', { name: 'One task per file' }));
    expect(files.querySelectorAll('li')).toHaveLength(4);
    expect(screen.queryByRole('list', { name: 'Rejected files' })).not.toBeInTheDocument();
    expect(screen.getByText(/Run starts 4 tasks, one per file/)).toBeInTheDocument();

    await user.click(screen.getByRole('switch', { name: 'One task per file' }));
    expect(screen.getByRole('button', { name: 'Run' })).toHaveAttribute('aria-disabled', 'true');
    expect(
      screen.getByText('One task takes at most 2 files: switch on One task per file, or remove 2.'),
    ).toBeInTheDocument();
  });
});
