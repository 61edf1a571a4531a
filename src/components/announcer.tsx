/** The console's one polite live region. Always mounted (a region that appears is not read), it
 *  shows the latest announcement; a screen reader reads each new text once, without moving
 *  focus. */
import { useSyncExternalStore } from 'react';
import { latestAnnouncement, subscribeAnnouncements } from '@/lib/announcer';

export function Announcer() {
  const announcement = useSyncExternalStore(subscribeAnnouncements, latestAnnouncement);
  return (
    <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="announcer">
      {announcement ? <p key={announcement.id}>{announcement.text}</p> : null}
    </div>
  );
}
