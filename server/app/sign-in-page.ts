/** The sign-in page: plain HTML drawn with the app's own stylesheet, a form that works without
 *  JavaScript, and nothing of the app (or the key's endpoints) served before a session exists. */
import { html } from 'hono/html';

export interface SignInPageProps {
  /** Where to land after signing in (already checked by `safeNext`). */
  next: string;
  /** Why the last attempt failed: shown as an alert. */
  alert?: string | undefined;
  stylesheet: string | undefined;
}

export function signInPage({ next, alert, stylesheet }: SignInPageProps) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="UTF-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
        ${stylesheet ? html`<link rel="stylesheet" href="${stylesheet}" />` : ''}
        <title>Sign in · Agent Console</title>
      </head>
      <body>
        <main class="grid min-h-dvh place-items-center bg-surface-muted px-4 text-text">
          <form
            method="post"
            action="/sign-in"
            class="w-full max-w-sm space-y-4 rounded-lg border border-border bg-surface p-6 shadow-sm"
          >
            <h1 class="flex items-center gap-2 text-lg font-semibold tracking-tight">
              <img src="/favicon.svg" alt="" class="size-6" />
              Sign in to Agent Console
            </h1>
            ${
              alert
                ? html`<p
                    role="alert"
                    class="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger"
                  >
                    ${alert}
                  </p>`
                : ''
            }
            <input type="hidden" name="next" value="${next}" />
            <div class="space-y-1">
              <label for="password" class="block text-sm font-medium">Password</label>
              <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
                autofocus
                class="block h-10 w-full rounded-md border border-border bg-surface px-3 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
              />
            </div>
            <button
              type="submit"
              class="inline-flex h-10 w-full items-center justify-center rounded-md bg-accent px-4 text-sm font-medium text-accent-foreground hover:bg-accent/90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
            >
              Sign in
            </button>
            <p class="text-xs text-muted">
              This console is shared by your team. Ask whoever runs it for the password.
            </p>
          </form>
        </main>
      </body>
    </html>`;
}
