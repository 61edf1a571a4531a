/**
 * `copyText(text)`: puts text on the clipboard; resolves to whether it worked.
 *
 * The async Clipboard API needs a secure context (https or localhost) and, in some browsers,
 * focus; a dashboard served on a LAN address over plain http has neither, so the old
 * `execCommand('copy')` on a hidden textarea is the fallback. The caller tells the person the
 * outcome either way.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable: try the fallback.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  const previous = document.activeElement as HTMLElement | null;
  area.select();
  let copied: boolean;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  previous?.focus();
  return copied;
}
