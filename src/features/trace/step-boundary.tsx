/** An error boundary around one step: a step whose rendering throws (data nobody anticipated, or a
 *  bug) is replaced by its raw JSON as plain text, and the other 9,999 steps carry on. Lighter than
 *  the panel boundary (no Try again: the same data would throw again). */
import { Component, type ReactNode } from 'react';
import { jsonText } from './json-text';

interface StepBoundaryProps {
  index: number;
  raw: unknown;
  children: ReactNode;
}

function rawText(raw: unknown): string {
  const text = jsonText(raw, 2);
  return text.length > 4_000 ? `${text.slice(0, 4_000)}…` : text;
}

export class StepBoundary extends Component<StepBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error(`Step ${this.props.index + 1} of the trace failed to render:`, error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="space-y-1 border-l-4 border-l-danger px-3 py-2 text-sm">
        <p>
          <span className="font-mono text-xs text-muted">#{this.props.index + 1}</span> This step
          could not be displayed; here it is as the server sent it.
        </p>
        <pre className="max-h-48 overflow-auto font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere]">
          {rawText(this.props.raw)}
        </pre>
      </div>
    );
  }
}
