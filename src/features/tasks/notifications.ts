/**
 * Browser notifications when a task starts needing the person. Off by default; the permission
 * is asked for only when the person clicks to turn them on, never on page load. The choice is
 * remembered per browser; the browser's own permission can still refuse. The system draws the
 * text, so hidden characters in it are spelled out (`[U+202E]`).
 */
import { visibleText } from '@/lib/reveal-invisibles';

const KEY = 'agent-console:notify-needs-you';

export type NotificationSetting = 'unsupported' | 'off' | 'on' | 'denied';

function supported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

function wanted(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on';
  } catch {
    return false;
  }
}

export function notificationSetting(): NotificationSetting {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return wanted() && Notification.permission === 'granted' ? 'on' : 'off';
}

/** Call from a click: asks the browser, and remembers the answer. */
export async function turnNotificationsOn(): Promise<NotificationSetting> {
  if (!supported()) return 'unsupported';
  const permission = await Notification.requestPermission();
  try {
    localStorage.setItem(KEY, permission === 'granted' ? 'on' : 'off');
  } catch {
    // Not remembered; this page still notifies.
  }
  return notificationSetting();
}

const HINT_KEY = 'agent-console:notify-hint-dismissed';

/** Whether the person closed the note that this browser cannot or will not notify. */
export function notificationHintDismissed(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}

export function dismissNotificationHint(): void {
  try {
    localStorage.setItem(HINT_KEY, '1');
  } catch {
    // Not remembered; it is still gone from this page.
  }
}

export function turnNotificationsOff(): void {
  try {
    localStorage.setItem(KEY, 'off');
  } catch {
    // Nothing stored, nothing to undo.
  }
}

/** Shows a notification if the person turned them on and is looking elsewhere. */
export function notify(title: string, body: string, onClick: () => void): void {
  if (notificationSetting() !== 'on' || document.hasFocus()) return;
  const notification = new Notification(visibleText(title), {
    body: visibleText(body),
    tag: title,
  });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}
