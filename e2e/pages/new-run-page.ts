import { expect, type Locator, type Page } from '@playwright/test';

/** A file made inside the page, so a 26 MB file costs no transfer from the test process. */
export interface FileSpec {
  name: string;
  type: string;
  /** Text content; when absent, `size` zero bytes are used. */
  text?: string;
  size?: number;
}

/** The `/` route: the New-run form. Locators follow ../shared/design/ui-contract.md. */
export class NewRunPage {
  readonly heading: Locator;
  readonly agent: Locator;
  readonly agentOptions: Locator;
  /** The picker's `Recent` group: the agents this browser ran last. */
  readonly recentAgents: Locator;
  readonly query: Locator;
  readonly dropZone: Locator;
  /** The drop zone's own input (a file dialog); `folderInput` is the Choose-folder one. */
  readonly fileInput: Locator;
  readonly folderInput: Locator;
  readonly chooseFolder: Locator;
  readonly files: Locator;
  readonly rejected: Locator;
  readonly outputSchema: Locator;
  readonly instructions: Locator;
  readonly run: Locator;
  readonly uploadProgress: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'New run' });
    this.agent = page.getByRole('combobox', { name: 'Agent' });
    this.agentOptions = page.getByRole('listbox').getByRole('option');
    this.recentAgents = page
      .getByRole('listbox')
      .getByRole('group', { name: 'Recent' })
      .getByRole('option');
    this.query = page.getByRole('textbox', { name: 'Query' });
    this.dropZone = page.getByRole('button', { name: /Drop files/ });
    this.fileInput = page.locator('input[type=file]:not([webkitdirectory])');
    this.folderInput = page.locator('input[type=file][webkitdirectory]');
    this.chooseFolder = page.getByRole('button', { name: 'Choose folder' });
    this.files = page.getByRole('list', { name: 'Files', exact: true });
    this.rejected = page.getByRole('list', { name: 'Rejected files' });
    this.outputSchema = page.getByRole('textbox', { name: 'Output schema' });
    this.instructions = page.getByRole('textbox', { name: 'Instructions' });
    this.run = page.getByRole('button', { name: 'Run', exact: true });
    this.uploadProgress = page.getByRole('progressbar', { name: 'Upload progress' });
  }

  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.heading).toBeVisible();
  }

  option(name: string | RegExp): Locator {
    return this.agentOptions.filter({ hasText: name });
  }

  /** Types part of the name, waits for the server-side search, and picks the option. */
  async chooseAgent(search: string, name: string | RegExp): Promise<void> {
    await this.agent.fill(search);
    await this.option(name).first().click();
    await expect(this.agent).toHaveValue(typeof name === 'string' ? name : /.+/);
  }

  /** Drops files on the drop zone the way a browser does: dragenter, dragover, drop. */
  async dropFiles(specs: FileSpec[]): Promise<void> {
    const transfer = await this.page.evaluateHandle((files: FileSpec[]) => {
      const data = new DataTransfer();
      for (const spec of files) {
        const content = spec.text ?? new Uint8Array(spec.size ?? 0);
        data.items.add(new File([content], spec.name, { type: spec.type }));
      }
      return data;
    }, specs);
    for (const type of ['dragenter', 'dragover', 'drop']) {
      await this.dropZone.dispatchEvent(type, { dataTransfer: transfer });
    }
  }

  /**
   * Starts a run from the form as a person would (agent, query, an optional text file, Run) and
   * returns the new task's id, read from the page the console opens.
   */
  async start(
    agentSearch: string,
    agentName: string,
    query: string,
    file?: { name: string; text: string },
  ): Promise<string> {
    await this.open();
    await this.chooseAgent(agentSearch, agentName);
    await this.query.fill(query);
    if (file) {
      await this.fileInput.setInputFiles({
        name: file.name,
        mimeType: 'text/plain',
        buffer: Buffer.from(file.text),
      });
    }
    await this.run.click();
    await this.page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    return this.page.url().split('/').pop() ?? '';
  }

  fileRow(name: string): Locator {
    return this.files.getByRole('listitem').filter({ hasText: name });
  }

  rejectedRow(name: string): Locator {
    return this.rejected.getByRole('listitem').filter({ hasText: name });
  }
}
