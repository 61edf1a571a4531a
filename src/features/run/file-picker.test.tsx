import { StrictMode } from 'react';
import { act, createEvent, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
const folderInput = () =>
  document.querySelector<HTMLInputElement>('input[type=file][webkitdirectory]')!;
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

/** A file as a folder dialog gives it: with its path inside the chosen folder. */
function chosen(path: string, options?: Parameters<typeof file>[1]): File {
  const f = file(path.slice(path.lastIndexOf('/') + 1), options);
  Object.defineProperty(f, 'webkitRelativePath', { value: path });
  return f;
}

/**
 * Stand-ins for the entry API a browser gives a drop (`webkitGetAsEntry`), which is what
 * file-selector walks: a directory reader yields its children once, then an empty batch.
 */
interface FakeEntry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?: (done: (file: File) => void) => void;
  createReader?: () => {
    readEntries: (done: (batch: FakeEntry[]) => void, fail: (error: unknown) => void) => void;
  };
}
/** An entry, once told the path of the folder it sits in. */
type Placed = (parent: string) => FakeEntry;

const fileEntry =
  (f: File): Placed =>
  (parent) => ({
    isFile: true,
    isDirectory: false,
    name: f.name,
    fullPath: `${parent}/${f.name}`,
    file: (done) => done(f),
  });

function folderEntry(name: string, children: (File | Placed)[], failure?: unknown): Placed {
  return (parent) => {
    const fullPath = `${parent}/${name}`;
    const entries = children.map((child) => (child instanceof File ? fileEntry(child) : child));
    return {
      isFile: false,
      isDirectory: true,
      name,
      fullPath,
      createReader: () => {
        let read = false;
        return {
          readEntries: (done, fail) => {
            if (failure) return fail(failure);
            const batch = read ? [] : entries.map((place) => place(fullPath));
            read = true; // before `done`, which asks for the next batch at once
            done(batch);
          },
        };
      },
    };
  };
}

/** A drop carrying files and folders at its top level, as Chromium presents it. */
function folderDrop(...dropped: (File | Placed)[]) {
  const items = dropped.map((item) => {
    const entry = (item instanceof File ? fileEntry(item) : item)('');
    return {
      kind: 'file',
      type: item instanceof File ? item.type : '',
      getAsFile: () => (item instanceof File ? item : null),
      webkitGetAsEntry: () => entry,
    };
  });
  return { types: ['Files'], files: dropped.filter((item) => item instanceof File), items };
}

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
  it('is a keyboard-reachable drop zone with a multiple file input filtered by type', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(dropZone()).toHaveAttribute('tabindex', '0');
    expect(fileInput()).toHaveAttribute('multiple');
    expect(fileInput()).not.toHaveAttribute('webkitdirectory');
    // display:none, or axe reports a focusable control inside a button (nested-interactive).
    expect(fileInput()).toHaveStyle({ display: 'none' });
    expect(dropZone().querySelectorAll('input')).toHaveLength(1);

    const dialog = vi.spyOn(fileInput(), 'click').mockImplementation(() => {});
    dropZone().focus();
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    await user.click(dropZone());
    expect(dialog).toHaveBeenCalledTimes(3);

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

  it('refuses an empty file on its own row, with its reason', async () => {
    render(<Harness />);
    await upload([file('blank.pdf', { size: 0 }), file('notes.txt', { size: 10 })]);
    expect(rows('Files').map((row) => row.textContent)).toEqual([
      expect.stringContaining('notes.txt'),
    ]);
    expect(rows('Rejected files').map((row) => row.textContent)).toEqual([
      expect.stringContaining('blank.pdfempty file (0 bytes)'),
    ]);
  });

  it('takes dropped files, shows a drag-over state, and refuses a second copy', async () => {
    render(<Harness />);
    const report = file('report.docx', { lastModified: 7 });
    fireEvent.dragEnter(dropZone(), { dataTransfer: dataTransfer([report]) });
    expect(await within(dropZone()).findByText('Release to add the files')).toBeInTheDocument();
    expect(dropZone()).toHaveClass('border-solid', 'ring-4');

    fireEvent.drop(dropZone(), { dataTransfer: dataTransfer([report, report]) });
    expect(await screen.findByRole('list', { name: 'Rejected files' })).toHaveTextContent(
      'report.docxduplicate (already added)',
    );
    expect(rows('Files')).toHaveLength(1);
    expect(within(dropZone()).queryByText('Release to add the files')).not.toBeInTheDocument();
    expect(dropZone()).not.toHaveClass('border-solid');
  });

  it('walks a dropped folder, subfolders too, and judges each file on its own row', async () => {
    render(<Harness />);
    fireEvent.drop(dropZone(), {
      dataTransfer: folderDrop(
        folderEntry('invoices', [
          file('march.pdf', { size: 1536 }),
          folderEntry('sub', [
            file('march.pdf', { size: 1536 }), // a namesake in another folder: not a duplicate
            file('tool.exe', { type: 'application/x-msdownload' }),
          ]),
        ]),
      ),
    });

    expect(await screen.findByRole('list', { name: 'Files' })).toBeInTheDocument();
    expect(rows('Files').map((row) => row.textContent)).toEqual([
      expect.stringContaining('invoices/march.pdf'),
      expect.stringContaining('invoices/sub/march.pdf'),
    ]);
    expect(rows('Rejected files').map((row) => row.textContent)).toEqual([
      expect.stringContaining('invoices/sub/tool.exetype not accepted (.exe;'),
    ]);
    expect(screen.getByRole('button', { name: 'Remove invoices/sub/march.pdf' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Dismiss invoices/sub/tool.exe' })).toBeEnabled();
  });

  it('says so when a dropped folder holds no files, and lets that be dismissed', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    fireEvent.drop(dropZone(), {
      dataTransfer: folderDrop(
        folderEntry('scans', [folderEntry('empty-too', [])]),
        folderEntry('mail', [file('note.txt')]),
        file('loose.md'),
      ),
    });

    const refused = await screen.findByRole('list', { name: 'Rejected files' });
    expect(
      within(refused)
        .getAllByRole('listitem')
        .map((row) => row.textContent),
    ).toEqual([expect.stringContaining('scansempty folder (nothing was added)')]);
    expect(screen.getByText('1 folder added nothing')).toBeInTheDocument();
    expect(rows('Files').map((row) => row.textContent)).toEqual([
      expect.stringContaining('mail/note.txt'),
      expect.stringContaining('loose.md'),
    ]);

    await user.click(screen.getByRole('button', { name: 'Dismiss scans' }));
    expect(screen.queryByRole('list', { name: 'Rejected files' })).not.toBeInTheDocument();
  });

  it('names the folder and adds nothing when the browser fails to read a drop', async () => {
    render(<Harness />);
    const gone = new DOMException('The folder went away', 'NotFoundError');
    fireEvent.drop(dropZone(), {
      dataTransfer: folderDrop(folderEntry('scans', [], gone), file('loose.md')),
    });

    expect(await screen.findByRole('list', { name: 'Rejected files' })).toHaveTextContent(
      'scanscould not be read (The folder went away); nothing from this drop was added',
    );
    expect(screen.queryByRole('list', { name: 'Files' })).not.toBeInTheDocument();
  });

  it('adds the files of a folder chosen with Choose folder, each by its path', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const button = screen.getByRole('button', { name: 'Choose folder' });
    // The folder dialog's input lives outside the zone, so the zone keeps one input of its own.
    expect(dropZone()).not.toContainElement(folderInput());
    expect(folderInput()).toHaveAttribute('multiple');
    const dialog = vi.spyOn(folderInput(), 'click');
    await user.click(button);
    expect(dialog).toHaveBeenCalledTimes(1);

    await user.upload(folderInput(), [
      chosen('invoices/a.pdf'),
      chosen('invoices/.DS_Store'), // left out, as file-selector leaves it out of drops
      chosen('invoices/sub/a.pdf'),
      chosen('invoices/sub/setup.exe'),
    ]);
    expect(rows('Files').map((row) => row.textContent)).toEqual([
      expect.stringContaining('invoices/a.pdf'),
      expect.stringContaining('invoices/sub/a.pdf'),
    ]);
    expect(rows('Rejected files').map((row) => row.textContent)).toEqual([
      expect.stringContaining('invoices/sub/setup.exetype not accepted'),
    ]);
    expect(folderInput().value).toBe(''); // so choosing the same folder again fires `change`
  });

  it('says so when the chosen folder holds no files', () => {
    render(<Harness />);
    fireEvent.change(folderInput(), { target: { files: [] } });
    expect(rows('Rejected files').map((row) => row.textContent)).toEqual([
      expect.stringContaining('Chosen folderempty folder (nothing was added)'),
    ]);

    fireEvent.change(folderInput(), { target: { files: [chosen('scans/.DS_Store')] } });
    expect(rows('Rejected files')[1]).toHaveTextContent('scansempty folder (nothing was added)');
    expect(screen.queryByRole('list', { name: 'Files' })).not.toBeInTheDocument();
  });

  it('keeps a file dropped beside the zone from replacing the page, but not dropped text', () => {
    render(<Harness />);
    const query = screen.getByRole('textbox', { name: 'Query' });
    const files = { types: ['Files'], files: [file('a.pdf')], items: [], dropEffect: 'copy' };
    const over = createEvent.dragOver(query, { dataTransfer: files });
    fireEvent(query, over);
    expect(over.defaultPrevented).toBe(true);
    expect(files.dropEffect).toBe('none'); // the pointer says nothing will be taken here
    const drop = createEvent.drop(query, { dataTransfer: files });
    fireEvent(query, drop);
    expect(drop.defaultPrevented).toBe(true);

    const text = createEvent.drop(query, {
      dataTransfer: { types: ['text/plain'], files: [], items: [] },
    });
    fireEvent(query, text);
    expect(text.defaultPrevented).toBe(false);
    expect(screen.queryByRole('list', { name: 'Files' })).not.toBeInTheDocument();
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

  it('lets two additions in one tick see each other, under StrictMode too', () => {
    render(
      <StrictMode>
        <Harness />
      </StrictMode>,
    );
    const report = file('report.pdf');
    act(() => {
      paste(document.body, [report]);
      paste(document.body, [report, file('other.pdf')]);
    });
    expect(rows('Files').map((row) => row.textContent)).toEqual([
      expect.stringContaining('report.pdf'),
      expect.stringContaining('other.pdf'),
    ]);
    expect(rows('Rejected files').map((row) => row.textContent)).toEqual([
      expect.stringContaining('report.pdfduplicate (already added)'),
    ]);
  });

  it('shows a thumbnail for images and revokes its object URL on remove and unmount', async () => {
    const { unmount } = render(<Harness />);
    await upload([
      file('photo.jpg', { type: 'image/jpeg' }),
      file('chart.webp', { type: 'image/webp' }),
      file('notes.md'),
    ]);
    const [photo, chart, notes] = rows('Files');
    const photoUrl = photo!.querySelector('img')?.getAttribute('src');
    const chartUrl = chart!.querySelector('img')?.getAttribute('src');
    // Each thumbnail shows a URL made for it and not revoked (<StrictMode> may make and revoke
    // one more first: every URL made is revoked in the end all the same).
    expect(photoUrl).toMatch(/^blob:thumb-\d+$/);
    expect(chartUrl).toMatch(/^blob:thumb-\d+$/);
    expect(photoUrl).not.toBe(chartUrl);
    expect(urls.revoked).not.toContain(photoUrl);
    expect(urls.revoked).not.toContain(chartUrl);
    expect(notes!.querySelector('img')).toBeNull();
    expect(notes).toHaveTextContent('MD');

    await userEvent.click(screen.getByRole('button', { name: 'Remove photo.jpg' }));
    expect(urls.revoked).toContain(photoUrl);
    expect(urls.revoked).not.toContain(chartUrl);
    unmount();
    expect(urls.revoked).toContain(chartUrl);
    expect([...urls.revoked].sort()).toEqual([...urls.created].sort());
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

  it('is inert while disabled: no removing, no dropping, no pasting', async () => {
    const { rerender } = render(<Harness />);
    paste(document.body, [file('a.pdf')]);
    rerender(<Harness disabled />);

    expect(screen.getByRole('button', { name: 'Remove a.pdf' })).toBeDisabled();
    expect(dropZone()).toHaveAttribute('aria-disabled', 'true');
    expect(dropZone()).not.toHaveAttribute('tabindex');
    expect(screen.getByRole('button', { name: 'Choose folder' })).toBeDisabled();
    const dropped = createEvent.drop(dropZone(), { dataTransfer: dataTransfer([file('c.pdf')]) });
    fireEvent(dropZone(), dropped);
    expect(dropped.defaultPrevented).toBe(true); // not taken, and not opened by the browser either
    const ignored = paste(document.body, [file('b.pdf')]);
    expect(ignored.defaultPrevented).toBe(false);
    await Promise.resolve(); // a drop is read asynchronously: give it the chance to land
    expect(rows('Files')).toHaveLength(1);
  });
});
