/** Upload bytes: a run's file keeps its bytes only until its agent reads them, and unread bytes
 *  are capped in all, the oldest tasks' dropped first. */
import type { InputFile, RunFile } from './agents/types';

/** A run's file, with its bytes until it is read or released. */
export class HeldFile implements RunFile {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  #bytes: Uint8Array | null;
  #read = false;

  constructor(file: Omit<InputFile, 'dropped'>) {
    this.name = file.name;
    this.type = file.type;
    this.size = file.size;
    this.#bytes = file.bytes;
  }

  get heldBytes(): number {
    return this.#bytes?.byteLength ?? 0;
  }

  read<T>(reader: (file: InputFile) => T): T {
    const file = this.#open();
    this.#read = true;
    this.#bytes = null;
    // A deep copy: a V8 substring of the text would keep all of it alive.
    return structuredClone(reader(file));
  }

  release(): void {
    this.#bytes = null;
  }

  #open(): InputFile {
    if (this.#read) {
      throw new Error(
        `"${this.name}" was read twice; a script reads a file once and keeps what it derives.`,
      );
    }
    const { name, type, size } = this;
    return this.#bytes === null
      ? { name, type, size, bytes: new Uint8Array(0), dropped: true }
      : { name, type, size, bytes: this.#bytes };
  }
}

/** Caps the bytes of files no agent has read yet, dropping the oldest first but never the run
 *  just taken in: at most `limitBytes`, or that one run if larger. */
export class HeldInputs {
  /** In the order the runs came in. */
  readonly #files = new Set<RunFile>();

  constructor(readonly limitBytes: number) {}

  /** Takes a new run's files in, dropping older files' bytes while the total is over the cap. */
  hold(files: readonly RunFile[]): void {
    for (const file of files) if (file.heldBytes > 0) this.#files.add(file);
    const newest = new Set(files);
    let total = this.heldBytes;
    for (const file of this.#files) {
      if (total <= this.limitBytes || newest.has(file)) break;
      total -= file.heldBytes;
      file.release();
      this.#files.delete(file);
    }
  }

  /** Bytes held in all; forgets the files read or released since. */
  get heldBytes(): number {
    let total = 0;
    for (const file of this.#files) {
      if (file.heldBytes === 0) this.#files.delete(file);
      else total += file.heldBytes;
    }
    return total;
  }

  releaseAll(): void {
    for (const file of this.#files) file.release();
    this.#files.clear();
  }
}
