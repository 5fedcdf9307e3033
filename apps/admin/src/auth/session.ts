import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { SensitivitySchema, type Sensitivity } from '@vigil/domain';
import { isUnauthorized, useTRPCClient, type ApiOutputs } from '../trpc.ts';

export type SessionUser = ApiOutputs['auth']['me']['user'];

/** Cache key of the signed-in user; `null` in the cache means nobody is signed in. */
export const SESSION_KEY = ['vigil', 'session'] as const;

/**
 * Who is signed in, from `auth.me`. The session lives in an http-only cookie the page cannot
 * read, so asking the server is the only way to know; "not signed in" is an answer, not an error.
 */
export function useSession() {
  const client = useTRPCClient();
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<SessionUser | null> => {
      try {
        return (await client.auth.me.query()).user;
      } catch (error) {
        if (isUnauthorized(error)) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

/** The signed-in user's clearance; undefined while the session loads. */
export function useClearance(): Sensitivity | undefined {
  return SensitivitySchema.optional().catch(undefined).parse(useSession().data?.clearance);
}

/**
 * Records a change of who is signed in. Every cached record is dropped first, so nothing
 * read under one session is ever shown under another.
 */
export function setSessionUser(queryClient: QueryClient, user: SessionUser | null) {
  queryClient.setQueryData(SESSION_KEY, user);
  queryClient.removeQueries({
    predicate: (query) =>
      query.queryKey[0] !== SESSION_KEY[0] || query.queryKey[1] !== SESSION_KEY[1],
  });
}

export function useSetSessionUser() {
  const queryClient = useQueryClient();
  return (user: SessionUser | null) => setSessionUser(queryClient, user);
}
