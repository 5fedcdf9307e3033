import { useQuery } from '@tanstack/react-query';
import { dateTimeText } from '../labels.ts';
import { Link, paths } from '../router.tsx';
import { useTRPC } from '../trpc.ts';

/**
 * Says that a record holds others merged into it (`matching.merges`), each with when and a link
 * to the two records side by side, where the merge can be undone. Nothing while loading, on an
 * error or without merges: the page is whole without it.
 */
export function PersonMerges({ personId }: { personId: string }) {
  const trpc = useTRPC();
  const merges = useQuery(trpc.matching.merges.queryOptions({ personId }));
  if (!merges.data?.length) return null;
  return (
    <aside className="notice notice-info" data-testid="person-merges" aria-label="Merged records">
      {merges.data.map((merge) => (
        <p key={merge.judgementId}>
          Another record of this person was merged into this one on {dateTimeText(merge.mergedAt)},
          after a reviewer judged them the same person: its names, claims and events are here now.{' '}
          <Link to={paths.duplicates(personId, merge.mergedId)}>
            See the two records side by side
          </Link>
          , where the merge can be undone.
        </p>
      ))}
    </aside>
  );
}
