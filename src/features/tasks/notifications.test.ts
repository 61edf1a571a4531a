import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  dismissNotificationHint,
  notificationHintDismissed,
  notificationSetting,
  notify,
  turnNotificationsOff,
} from './notifications';

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('notify', () => {
  it('spells out hidden characters in the title and body: the system draws them as they are', () => {
    const shown: { title: string; body: string | undefined }[] = [];
    vi.stubGlobal(
      'Notification',
      class {
        static permission = 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string, options?: NotificationOptions) {
          shown.push({ title, body: options?.body });
        }
        close() {}
      },
    );
    localStorage.setItem('agent-console:notify-needs-you', 'on');
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);

    notify('invoice\u202Efdp.exe now needs your input', 'pay\u200Bpal', () => {});
    expect(shown).toEqual([
      { title: 'invoice[U+202E]fdp.exe now needs your input', body: 'pay[U+200B]pal' },
    ]);
  });
});

describe('the remembered choices', () => {
  it('reads what the previous version stored as bare text, and stores them versioned', () => {
    vi.stubGlobal(
      'Notification',
      class {
        static permission = 'granted';
      },
    );
    localStorage.setItem('agent-console:notify-needs-you', 'on');
    expect(notificationSetting()).toBe('on');
    turnNotificationsOff();
    expect(notificationSetting()).toBe('off');
    expect(JSON.parse(localStorage.getItem('agent-console:notify-needs-you') ?? '')).toEqual({
      on: false,
      version: 1,
    });

    localStorage.setItem('agent-console:notify-hint-dismissed', '1');
    expect(notificationHintDismissed()).toBe(true);
    localStorage.clear();
    expect(notificationHintDismissed()).toBe(false);
    dismissNotificationHint();
    expect(notificationHintDismissed()).toBe(true);
  });
});
