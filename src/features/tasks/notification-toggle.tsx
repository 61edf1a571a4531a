/** Turns browser notifications for "a task needs you" on and off; the permission prompt comes only
 *  after a click here. When the browser blocks or cannot show them, a dismissible note says so
 *  (dismissed once, for this browser). */
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  dismissNotificationHint,
  notificationHintDismissed,
  notificationSetting,
  turnNotificationsOff,
  turnNotificationsOn,
  type NotificationSetting,
} from './notifications';

export function NotificationToggle() {
  const [setting, setSetting] = useState<NotificationSetting>(notificationSetting);
  const [asking, setAsking] = useState(false);
  const [hintDismissed, setHintDismissed] = useState(notificationHintDismissed);

  if (setting === 'unsupported' || setting === 'denied') {
    if (hintDismissed) return null;
    return (
      <div className="flex items-start gap-2 text-xs text-muted">
        <p>
          {setting === 'unsupported'
            ? 'This browser cannot show notifications.'
            : 'Your browser blocks notifications from this site. Allow them in the site settings to be told when a task needs you.'}
        </p>
        <Button
          size="sm"
          variant="ghost"
          className="-my-1.5 shrink-0"
          onClick={() => {
            dismissNotificationHint();
            setHintDismissed(true);
          }}
        >
          Dismiss
        </Button>
      </div>
    );
  }
  if (setting === 'on') {
    return (
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="font-medium text-success">Notifications on</span>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            turnNotificationsOff();
            setSetting(notificationSetting());
          }}
        >
          Turn notifications off
        </Button>
      </div>
    );
  }
  return (
    <Button
      size="sm"
      disabled={asking}
      onClick={() => {
        setAsking(true);
        void turnNotificationsOn()
          .then(setSetting)
          .finally(() => setAsking(false));
      }}
    >
      Notify me when a task needs me
    </Button>
  );
}
