import { describe, expect, it } from 'vitest';
import { chosenFolder, droppedFolders, emptyFolders, withoutSystemFiles } from './dropped-folders';

/** A file as file-selector hands it over from a drop: with its path in what was dropped. */
function dropped(path: string): File {
  const f = new File(['x'], path.slice(path.lastIndexOf('/') + 1));
  Object.defineProperty(f, 'relativePath', { value: path });
  return f;
}

function chosen(path: string): File {
  const f = new File(['x'], path.slice(path.lastIndexOf('/') + 1));
  Object.defineProperty(f, 'webkitRelativePath', { value: path });
  return f;
}

describe('dropped folders', () => {
  it('finds the top-level folders of a drop, leaving files and script-made items out', () => {
    const item = (entry: { isDirectory: boolean; name: string } | null, kind = 'file') => ({
      kind,
      webkitGetAsEntry: () => entry,
    });
    const transfer = {
      items: [
        item({ isDirectory: true, name: 'scans' }),
        item({ isDirectory: false, name: 'a.pdf' }),
        item(null), // a File a script put in a DataTransfer has no entry
        item({ isDirectory: true, name: 'text' }, 'string'),
        { kind: 'file' }, // a browser without the entry API
      ],
    } as unknown as DataTransfer;
    expect(droppedFolders(transfer)).toEqual(['scans']);
    expect(droppedFolders(null)).toEqual([]);
  });

  it('calls a folder empty when no file path starts inside it, nested or not', () => {
    const files = [dropped('/scans/2024/a.pdf'), dropped('./scan.pdf')];
    expect(emptyFolders(['scans', 'scan', 'mail'], files)).toEqual(['scan', 'mail']);
  });

  it('names the chosen folder and leaves out what systems leave in folders', () => {
    const files = [chosen('invoices/.DS_Store'), chosen('invoices/sub/a.pdf')];
    expect(chosenFolder(files)).toBe('invoices');
    expect(chosenFolder([])).toBeUndefined();
    expect(withoutSystemFiles([...files, chosen('invoices/Thumbs.db')]).map((f) => f.name)).toEqual(
      ['a.pdf'],
    );
  });
});
