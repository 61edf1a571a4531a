import { createEvent, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FilePicker } from './file-picker';
import type { FileLimits } from './file-rules';
import { useFileSelection } from './use-file-selection';

const MB = 1024 * 1024;

function file(name: string, { size = 2048, type = '', lastModified = 1 } = {}): File {
  const f = new File(['x'], name, { type, lastModified });
  Object.defineProperty(f, 'size', { value: size });
  return f;
}

function Harness({ limits, disabled }: { limits?: FileLimits; disabled?: boolean }) {
  const selection = useFileSelection(limits);
  return (
    <>
      <textarea aria-label="Query" />
      <FilePicker selection={selection} disabled={disabled} />
    </>
  );
}

const dropZone = () => screen.getByRole('button', { name: /Drop files/ });
// The input is display:none inside the zone: found through the zone, as Playwright does.
const fileInput = () => dropZone().querySelector<HTMLInputElement>('input[type=file]')!;
const rows = (name: string) => within(screen.getByRole('list', { name })).getAllByRole('listitem');
/** userEvent.upload, ignoring `accept` like a dialog switched to "All files". */
const upload = (files: File[]) =>
  userEvent.setup({ applyAccept: false }).upload(fileInput(), files);

/** What a browser puts on a drag event: the types (to tell files from text) and the files. */
const dataTransfer = (files: File[]) => ({
  types: ['Files'],
  files,
  items: files.map((f) => ({ kind: 'file', type: f.type, getAsFile: () => f })),
});

function paste(target: Element, files: File[], types = ['Files']) {
  const event = createEvent.paste(target, { clipboardData: { files, types } });
  fireEvent(target, event);
  return event;
}

// jsdom has no object URLs: stand them in, recording what is created and revoked.
let urls: { created: string[]; revoked: string[] };
const saved = Object.getOwnPropertyDescriptors(URL);
beforeEach(() => {
  urls = { created: [], revoked: [] };
  Object.defineProperties(URL, {
    createObjectURL: {
      configurable: true,
      value: () => {
        const url = `blob:thumb-${urls.created.length + 1}`;
        urls.created.push(url);
        return url;
      },
    },
    revokeObjectURL: { configurable: true, value: (url: string) => void urls.revoked.push(url) },
  });
});
afterEach(() => {
  for (const key of ['createObjectURL', 'revokeObjectURL'] as const) {
    const descriptor = saved[key];
    if (descriptor) Object.defineProperty(URL, key, descriptor);
    else Reflect.deleteProperty(URL, key);
  }
});

describe('FilePicker', () => {
  it('is a keyboard-reachable drop zone with a multiple file input filtered by type', () => {
    render(<Harness />);
    expect(dropZone()).toHaveAttribute('tabindex', '0');
    expect(fileInput()).toHaveAttribute('multiple');
    expect(fileInput().accept.split(',')).toEqual(
      expect.arrayContaining(['application/pdf', '.pdf', '.md', '.xlsx', 'image/png']),
    );
    expect(screen.getByText(/Up to 20 files, 25 MB each/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Files' })).not.toBeInTheDocument();
  });

  it('lists good files and refuses the others with their reasons, from one selection', async () => {
    render(<Harness />);
    await upload([
      file('scan.pdf', { size: Math.round(31.2 * MB), type: 'application/pdf' }),
      file('setup.exe', { type: 'application/x-msdownload' }),
      file('invoice.pdf', { size: 1536, type: 'application/pdf' }),
    ]);

    const accepted = rows('Files');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toHaveTextContent('invoice.pdf');
    expect(accepted[0]).toHaveTextContent('1.5 KB');
    expect(screen.getByText('1 file · 1.5 KB')).toBeInTheDocument();

    const refused = rows('Rejected files');
    expect(refused.map((row) => row.textContent)).toEqual([
      expect.stringContaining('scan.pdftoo large (31.2 MB; the limit is 25 MB)'),
      expect.stringContaining('setup.exetype not accepted (.exe; accepted: PDF, images'),
    ]);
  });

  it('takes dropped files, shows a drag-over state, and refuses a second copy', async () => {
    render(<Harness />);
    const report = file('report.docx', { lastModified: 7 });
    fireEvent.dragEnter(dropZone(), { dataTransfer: dataTransfer([report]) });
    expect(await within(dropZone()).findByText('Release to add the files')).toBeInTheDocument();

    fireEvent.drop(dropZone(), { dataTransfer: dataTransfer([report, report]) });
    expect(await screen.findByRole('list', { name: 'Rejected files' })).toHaveTextContent(
      'report.docxduplicate (already added)',
    );
    expect(rows('Files')).toHaveLength(1);
    expect(within(dropZone()).queryByText('Release to add the files')).not.toBeInTheDocument();
  });

  it('adds files pasted anywhere on the page, but leaves text pastes in text fields alone', () => {
    render(<Harness />);
    const shot = paste(document.body, [file('image.png', { type: 'image/png' })]);
    expect(shot.defaultPrevented).toBe(true);
    expect(rows('Files')[0]).toHaveTextContent('image.png');

    const query = screen.getByRole('textbox', { name: 'Query' });
    const text = paste(query, [file('copied.pdf')], ['text/plain', 'Files']);
    expect(text.defaultPrevented).toBe(false);
    expect(rows('Files')).toHaveLength(1);
  });

  it('shows a thumbnail for images and revokes its object URL on remove and unmount', async () => {
    const { unmount } = render(<Harness />);
    await upload([
      file('photo.jpg', { type: 'image/jpeg' }),
      file('chart.webp', { type: 'image/webp' }),
      file('notes.md'),
    ]);
    const [photo, chart, notes] = rows('Files');
    expect(photo!.querySelector('img')).toHaveAttribute('src', 'blob:thumb-1');
    expect(chart!.querySelector('img')).toHaveAttribute('src', 'blob:thumb-2');
    expect(notes!.querySelector('img')).toBeNull();
    expect(notes).toHaveTextContent('MD');
    expect(urls.revoked).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Remove photo.jpg' }));
    expect(urls.revoked).toEqual(['blob:thumb-1']);
    unmount();
    expect(urls.revoked).toEqual(['blob:thumb-1', 'blob:thumb-2']);
  });

  it('removes a file and moves focus to the next row, then to the drop zone', async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<Harness />);
    await user.upload(fileInput(), [file('a.pdf'), file('b.pdf'), file('c.pdf')]);

    await user.click(screen.getByRole('button', { name: 'Remove a.pdf' }));
    expect(rows('Files').map((r) => r.textContent)).toEqual([
      expect.stringContaining('b.pdf'),
      expect.stringContaining('c.pdf'),
    ]);
    expect(screen.getByRole('button', { name: 'Remove b.pdf' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Remove c.pdf' }));
    expect(screen.getByRole('button', { name: 'Remove b.pdf' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('list', { name: 'Files' })).not.toBeInTheDocument();
    expect(dropZone()).toHaveFocus();
  });

  it('keeps the first files up to the limit and lets refusals be dismissed', async () => {
    const user = userEvent.setup({ applyAccept: false });
    render(<Harness limits={{ maxFileBytes: MB, maxFiles: 2 }} />);
    expect(screen.getByText(/Up to 2 files, 1 MB each/)).toBeInTheDocument();
    await user.upload(fileInput(), [file('1.pdf'), file('2.pdf'), file('3.pdf'), file('4.pdf')]);

    expect(rows('Files')).toHaveLength(2);
    expect(rows('Rejected files').map((r) => r.textContent)).toEqual([
      expect.stringContaining('3.pdftoo many files (at most 2 per run)'),
      expect.stringContaining('4.pdftoo many files (at most 2 per run)'),
    ]);

    await user.click(screen.getByRole('button', { name: 'Dismiss 3.pdf' }));
    expect(rows('Rejected files')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Clear rejected files' }));
    expect(screen.queryByRole('list', { name: 'Rejected files' })).not.toBeInTheDocument();
    expect(rows('Files')).toHaveLength(2);
  });

  it('is inert while disabled: no removing, no dropping, no pasting', () => {
    const { rerender } = render(<Harness />);
    paste(document.body, [file('a.pdf')]);
    rerender(<Harness disabled />);

    expect(screen.getByRole('button', { name: 'Remove a.pdf' })).toBeDisabled();
    expect(dropZone()).toHaveAttribute('aria-disabled', 'true');
    expect(dropZone()).not.toHaveAttribute('tabindex');
    const ignored = paste(document.body, [file('b.pdf')]);
    expect(ignored.defaultPrevented).toBe(false);
    expect(rows('Files')).toHaveLength(1);
  });
});
