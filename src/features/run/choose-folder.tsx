/** "Choose folder": a folder dialog beside the drop zone, its hidden input outside the zone (told
 *  apart by `webkitdirectory`); each file goes to the same `add`, shown by its relative path. */
import { useRef } from 'react';
import { Button } from '@/components/ui/button';
import { chosenFolder, withoutSystemFiles } from './dropped-folders';

export interface ChooseFolderProps {
  onFiles: (files: File[]) => void;
  /** The chosen folder held no files: gets its name, or "Chosen folder" if the browser gave none. */
  onEmpty: (folder: string) => void;
  disabled?: boolean;
}

export function ChooseFolder({ onFiles, onEmpty, disabled = false }: ChooseFolderProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button size="sm" disabled={disabled} onClick={() => inputRef.current?.click()}>
        Choose folder
      </Button>
      <input
        ref={inputRef}
        type="file"
        multiple
        // An empty string, not `true`: React passes unknown attributes through only as strings.
        webkitdirectory=""
        // Hidden, so the button is the one control a person (and axe) finds.
        hidden
        tabIndex={-1}
        disabled={disabled}
        onChange={(event) => {
          const input = event.currentTarget;
          const chosen = Array.from(input.files ?? []);
          input.value = ''; // choosing the same folder again must fire `change` again
          const files = withoutSystemFiles(chosen);
          if (files.length > 0) onFiles(files);
          else onEmpty(chosenFolder(chosen) ?? 'Chosen folder');
        }}
      />
    </>
  );
}
