/** Which `Host` names the console answers to when nobody has to sign in: its own loopback names, IP
 *  literals and `CONSOLE_ALLOWED_HOSTS`. A DNS-rebinding page uses a name of its own, so it is
 *  refused. */
import { isIP } from 'node:net';

export function isAllowedHost(hostHeader: string | undefined, allowed: readonly string[]): boolean {
  if (hostHeader === undefined) return false;
  const name = hostName(hostHeader.trim().toLowerCase());
  if (name === undefined) return false;
  if (name === 'localhost' || isIP(name) !== 0) return true;
  return allowed.includes(name);
}

/** `example.com:5173` → `example.com`, `[::1]:5173` → `::1`; undefined when malformed. */
function hostName(host: string): string | undefined {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end > 0 ? host.slice(1, end) : undefined;
  }
  const name = host.replace(/:\d*$/, '');
  return /^[a-z0-9.-]+$/.test(name) ? name.replace(/\.$/, '') : undefined;
}
