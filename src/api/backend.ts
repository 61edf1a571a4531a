/** Which backend the dev proxy talks to (the built-in simulator or the real API). Served by the
 *  console's own server at `/__console/backend`, never forwarded upstream, and never containing the
 *  API key. */
import { requestJson } from './http';
import { BackendInfo } from './schemas';

export const BACKEND_INFO_PATH = '/__console/backend';

export function getBackendInfo(signal?: AbortSignal): Promise<BackendInfo> {
  return requestJson(BACKEND_INFO_PATH, { signal, schema: BackendInfo });
}
