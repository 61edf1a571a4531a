/**
 * Turns browser notifications for "a task needs you" on and off. The browser's permission prompt
 * appears only after a click here, never on load (browsers penalise sites that ask unprompted,
 * and a person should know why they are asked). When the browser blocks them or cannot show
 * them, the control says so instead of offering a button that does nothing.
 */
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  notificationSetting,
  turnNotificationsOff,
  turnNotificationsOn,
  type NotificationSetting,
} from './notifications';

export function NotificationToggle() {
  const [setting, setSetting] = useState<NotificationSetting>(notificationSetting);
  const [asking, setAsking] = useState(false);

  if (setting === 'unsupported') {
    return <p className="text-xs text-muted">This browser cannot show notifications.</p>;
  }
  if (setting === 'denied') {
    return (
      <p className="text-xs text-muted">
        Your browser blocks notifications from this site. Allow them in the site settings to be told
        when a task needs you.
      </p>
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
