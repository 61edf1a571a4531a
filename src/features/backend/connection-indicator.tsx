/** Says which backend the console is talking to — `Simulator` or the upstream host — so nobody
 *  mistakes demo data for their workspace (or the other way round), and whether it answers (the one
 *  connection state the banner reads). A `status` live region: a change is announced. */
import { useQuery } from '@tanstack/react-query';
import type { BackendInfo } from '@/api/schemas';
import { cn } from '@/lib/cn';
import { useConnection, type Connection } from '@/lib/use-connection';
import { backendQueries } from './backend-queries';

function hostOf(info: BackendInfo): string {
  if (info.label) return info.label;
  if (info.mode === 'upstream' && info.baseUrl) {
    try {
      return new URL(info.baseUrl).host;
    } catch {
      return info.baseUrl;
    }
  }
  return info.mode === 'simulator' ? 'Simulator' : 'Upstream';
}

function describe(
  data: BackendInfo | undefined,
  isError: boolean,
): { text: string; label: string; dot: string; title: string } {
  if (data) {
    const text = hostOf(data);
    return data.mode === 'simulator'
      ? {
          text,
          label: `Backend: ${text}`,
          dot: 'bg-warning',
          title: 'Built-in simulator: demo agents and data, nothing leaves this machine.',
        }
      : {
          text,
          label: `Backend: ${text}`,
          dot: 'bg-success',
          title: `Live API at ${data.mode === 'upstream' && data.baseUrl ? data.baseUrl : text}`,
        };
  }
  if (isError) {
    return {
      text: 'Backend unknown',
      label: 'Backend unknown',
      dot: 'bg-danger',
      title: 'The dashboard server did not say which backend it uses.',
    };
  }
  return {
    text: 'Connecting…',
    label: 'Backend: connecting…',
    dot: 'bg-muted motion-safe:animate-pulse',
    title: 'Asking the dashboard server which backend it uses…',
  };
}

/** While reads get no answer, the indicator says so too, in the banner's words. */
function trouble(connection: Connection): { word: string; detail: string } | undefined {
  if (connection.offline) {
    return { word: 'offline', detail: 'This browser has no connection.' };
  }
  if (connection.reconnecting) {
    return { word: 'not answering', detail: 'Reads get no answer; the console keeps trying.' };
  }
  return undefined;
}

export function ConnectionIndicator({ className }: { className?: string | undefined }) {
  const { data, isError } = useQuery(backendQueries.info());
  const connection = useConnection();
  const described = describe(data, isError);
  const problem = data ? trouble(connection) : undefined;
  const text = described.text;
  const label = problem ? `${described.label}, ${problem.word}` : described.label;
  const dot = problem ? 'bg-danger motion-safe:animate-pulse' : described.dot;
  const title = problem ? `${problem.detail} ${described.title}` : described.title;
  return (
    <div
      role="status"
      // The accessible name repeats the text with context, so both `getByRole('status',
      // { name: 'Simulator' })` and a screen reader's landmark list say what this is.
      aria-label={label}
      title={title}
      className={cn(
        'inline-flex items-center gap-2 rounded-full border border-border bg-surface px-3 py-1 text-xs font-medium text-text',
        className,
      )}
    >
      <span aria-hidden="true" className={cn('size-2 rounded-full', dot)} />
      {text}
      {problem ? <span className="text-danger">· {problem.word}</span> : null}
    </div>
  );
}
