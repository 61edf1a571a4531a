/** Browser notifications when a task starts needing the person: off until turned on (permission
 *  asked from that click), remembered per browser, hidden characters spelled out. */
import { visibleText } from '@/lib/reveal-invisibles';
import { stored } from '@/lib/stored';

/** A yes/no remembered per browser; earlier versions stored `yes` or `no` as bare text. */
function storedChoice(key: string, yes: string, no: string) {
  return stored<{ on: boolean }>({
    key,
    version: 1,
    parse: (data) => (typeof data.on === 'boolean' ? { on: data.on } : undefined),
    migrate: (_, raw) => (raw === yes || raw === no ? { on: raw === yes } : undefined),
    maxChars: 100,
  });
}

const wanted = storedChoice('agent-console:notify-needs-you', 'on', 'off');
const hintDismissed = storedChoice('agent-console:notify-hint-dismissed', '1', '0');

export type NotificationSetting = 'unsupported' | 'off' | 'on' | 'denied';

function supported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function notificationSetting(): NotificationSetting {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return wanted.read()?.on === true && Notification.permission === 'granted' ? 'on' : 'off';
}

/** Call from a click: asks the browser, and remembers the answer. */
export async function turnNotificationsOn(): Promise<NotificationSetting> {
  if (!supported()) return 'unsupported';
  const permission = await Notification.requestPermission();
  wanted.write({ on: permission === 'granted' });
  return notificationSetting();
}

/** Whether the person closed the note that this browser cannot or will not notify. */
export function notificationHintDismissed(): boolean {
  return hintDismissed.read()?.on === true;
}

export function dismissNotificationHint(): void {
  hintDismissed.write({ on: true });
}

export function turnNotificationsOff(): void {
  wanted.write({ on: false });
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
