/** A task list's filters, as the URL keeps them and the list's query keys carry them. */
export interface TaskListFilters {
  statuses: readonly string[];
  agentId: string | undefined;
  /** Every version of one agent: the API takes one `agent_id`, so the list is read without it
   *  and narrowed to these versions as it is read. */
  agentIds?: readonly string[] | undefined;
  q: string | undefined;
  /** ISO-8601, inclusive. */
  createdAfter: string | undefined;
  createdBefore: string | undefined;
}

export const NO_FILTERS: TaskListFilters = {
  statuses: [],
  agentId: undefined,
  q: undefined,
  createdAfter: undefined,
  createdBefore: undefined,
};
