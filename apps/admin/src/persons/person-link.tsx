import { useQuery } from '@tanstack/react-query';
import { Link, paths } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { NameText } from './name-text.tsx';

/**
 * A link to a person known only by id, named from `names.list`: asking for the whole person
 * would read (and audit) restricted fields nobody looks at here.
 */
export function PersonLink({ personId }: { personId: string }) {
  const trpc = useTRPC();
  const names = useQuery(trpc.names.list.queryOptions({ personId }, { staleTime: 5 * 60_000 }));
  const first = names.data?.[0];
  return (
    <Link to={paths.person(personId)}>
      {first ? <NameText name={first} /> : names.isError ? 'another person' : '…'}
    </Link>
  );
}
