/** Which backend the dashboard server proxies to. It is fixed for the life of the server process,
 *  so it is fetched once and never considered stale; a restart with another backend shows up on the
 *  next page load. */
import { queryOptions } from '@tanstack/react-query';
import { getBackendInfo } from '@/api/backend';

export const backendKeys = {
  all: ['backend'] as const,
  info: () => [...backendKeys.all, 'info'] as const,
};

export const backendQueries = {
  info: () =>
    queryOptions({
      queryKey: backendKeys.info(),
      queryFn: ({ signal }) => getBackendInfo(signal),
      staleTime: Infinity,
    }),
};
