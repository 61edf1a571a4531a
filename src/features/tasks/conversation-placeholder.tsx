/**
 * Stand-in for the Conversation tab until its issue lands: says what will be here. Its own
 * module so the page can load it as its own chunk, as it will the real tab.
 */
export function ConversationPlaceholder(_props: { taskId: string }) {
  return (
    <p className="text-sm text-muted">
      The messages between you and the agent will appear here, with a Reply box to answer its
      questions.
    </p>
  );
}
