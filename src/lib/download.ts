/** Saves something the console made (a trace, extracted data) as a file named after its task
 *  (`task-invoice-march-1a2b3c4d.json`), from data already on screen. */

/** `Invoice März: ACME / Q1` → `invoice-marz-acme-q1`, at most `max` characters; may be empty. */
export function slugify(text: string, max = 40): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** `task-<title-slug>-<first 8 characters of the id>`, or `task-<id8>` without a usable title. */
export function taskFileBase(taskId: string, title: string | undefined): string {
  const id8 = slugify(taskId, 64).replace(/-/g, '').slice(0, 8) || 'unknown';
  const slug = title ? slugify(title) : '';
  return slug ? `task-${slug}-${id8}` : `task-${id8}`;
}

/** Offers `content` to the person as a file called `fileName`. */
export function downloadFile(fileName: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after the click returns; let them.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** `value` as pretty JSON in a file. */
export function downloadJson(fileName: string, value: unknown): void {
  downloadFile(fileName, `${JSON.stringify(value, null, 2)}\n`, 'application/json');
}
