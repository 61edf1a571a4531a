/** The `Offline` / `Reconnecting` banner: the browser has no network, or reads keep getting no
 *  answer and the pollers back off. What is on screen stays; the banner goes by itself at the first
 *  answer. It reads the one connection state the backend indicator and the lists read too. */
import { formatClockTime } from '@/lib/format';
import { useConnection } from '@/lib/use-connection';
import { Alert } from './ui/alert';

export function ConnectionBanner() {
  const connection = useConnection();
  const lastHeard =
    connection.lastSuccessAt !== undefined
      ? ` Data shown is as of ${formatClockTime(connection.lastSuccessAt)}.`
      : '';

  if (connection.offline) {
    return (
      <Alert role="alert" tone="warning" title="Offline" layout="banner">
        This browser has no connection. What is on screen stays; updates resume by themselves when
        the connection returns.{lastHeard}
      </Alert>
    );
  }
  if (connection.reconnecting) {
    return (
      <Alert role="alert" tone="warning" title="Reconnecting…" layout="banner">
        The dashboard server or the API has not answered
        {connection.failingSince !== undefined
          ? ` since ${formatClockTime(connection.failingSince)}`
          : ''}
        ; the console keeps trying, less often as it goes on.{lastHeard}
      </Alert>
    );
  }
  return null;
}
