/**
 * Mounts the app. Deliberately without `<StrictMode>`: its development-only double mount
 * subscribes, unsubscribes and resubscribes every query, and because our fetchers honour React
 * Query's `AbortSignal`, the first request of every page is sent and then aborted. In
 * development that doubles traffic against a rate-limited API and makes "what the server
 * received" differ from production — the end-to-end suite, which runs on the dev server and
 * injects one-shot faults into the simulator, would see its fault eaten by the aborted request.
 */
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import './styles/index.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element to mount the app into.');

createRoot(container).render(<App />);
