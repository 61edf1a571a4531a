/**
 * Mounts the app inside `<StrictMode>`, whose development-only double render and double effect
 * run catch impure updaters and effects without cleanup before they reach anyone. Its double
 * mount also sends (and aborts) each page's first request twice in development; request counts
 * that matter are measured against the production build (`vite preview`), where it does nothing.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import './styles/index.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element to mount the app into.');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
