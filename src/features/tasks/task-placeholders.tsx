/**
 * Stand-ins for the task list and task view so their routes, headings and deep links exist
 * from the first release; the following issues replace them with the live list and the
 * Summary / Conversation / Trace tabs.
 */
export function TaskListPlaceholder() {
  return (
    <section className="space-y-2">
      <title>Tasks · Agent Console</title>
      <h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>
      <p className="text-muted">
        The live task list arrives with a later issue. Runs you start will be listed here.
      </p>
    </section>
  );
}

export function TaskViewPlaceholder({ taskId }: { taskId: string }) {
  return (
    <section className="space-y-2">
      <title>{`Task ${taskId} · Agent Console`}</title>
      <h1 className="text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]">{taskId}</h1>
      <p className="text-muted">
        The task view (summary, conversation and trace) arrives with a later issue.
      </p>
    </section>
  );
}
