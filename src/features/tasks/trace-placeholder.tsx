/**
 * Stand-in for the Trace tab until its issue lands: says what will be here. Its own module so
 * the page can load it as its own chunk, as it will the real tab.
 */
export function TracePlaceholder(_props: { taskId: string }) {
  return (
    <p className="text-sm text-muted">
      Every step of the agent’s work will appear here, with search and the time each step took.
    </p>
  );
}
