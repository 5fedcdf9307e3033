import { useInfiniteQuery } from '@tanstack/react-query';
import {
  labelOf,
  partialDateText,
  SIDE_LABELS,
  SIDE_SHORT_LABELS,
  SOURCE_KIND_LABELS,
} from '../labels.ts';
import { Link, paths } from '../router.tsx';
import { SourceFileLink, formatBytes } from '../sources/source-file-link.tsx';
import { useTRPC } from '../trpc.ts';
import { ReliabilityBadge, SensitivityBadge } from '../ui/badges.tsx';
import { ErrorNotice, Loading, LoadMore } from '../ui/query-states.tsx';

const PAGE_SIZE = 50;

/**
 * The documents about one person: every source of a claim about them or about an event they
 * took part in, as far as the reader is cleared, with its stored files to download (photos and
 * PDFs without their metadata below staff clearance, as on a source's page).
 */
export function PersonDocuments({ personId }: { personId: string }) {
  const trpc = useTRPC();
  const sources = useInfiniteQuery(
    trpc.sources.list.infiniteQueryOptions(
      { personId, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const items = sources.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="panel" aria-labelledby="documents-heading">
      <div className="panel-header">
        <h2 id="documents-heading">Documents</h2>
        <span className="muted small">
          The sources of every claim about this person or their events, with their files
        </span>
      </div>
      {sources.isPending ? (
        <Loading label="Loading the documents…" />
      ) : sources.isError && items.length === 0 ? (
        <ErrorNotice
          what="The documents could not be loaded"
          error={sources.error}
          onRetry={() => void sources.refetch()}
        />
      ) : items.length === 0 ? (
        <p className="muted">No source says anything about this person yet.</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="person-documents" aria-label="Documents">
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Side</th>
                  <th scope="col">Reliability</th>
                  <th scope="col">Published</th>
                  <th scope="col">Files</th>
                </tr>
              </thead>
              <tbody>
                {items.map((source) => (
                  <tr key={source.id}>
                    <td className="cell-primary">
                      <Link to={paths.source(source.id)}>{source.title}</Link>
                      {source.sensitivity && source.sensitivity !== 'partner' ? (
                        <>
                          {' '}
                          <SensitivityBadge level={source.sensitivity} />
                        </>
                      ) : null}
                      {source.publisher ? (
                        <div className="muted small">{source.publisher}</div>
                      ) : null}
                    </td>
                    <td>{labelOf(SOURCE_KIND_LABELS, source.kind)}</td>
                    <td className="nowrap" title={labelOf(SIDE_LABELS, source.side)}>
                      {labelOf(SIDE_SHORT_LABELS, source.side)}
                    </td>
                    <td>
                      {source.reliability ? <ReliabilityBadge grade={source.reliability} /> : null}
                    </td>
                    <td className="nowrap">{partialDateText(source.publishedDate)}</td>
                    <td>
                      {source.files.length === 0 ? (
                        <span className="muted">none</span>
                      ) : (
                        <ul className="plain-list">
                          {source.files.map((file) => (
                            <li key={file.id} data-testid="person-document-file">
                              <SourceFileLink file={file} />{' '}
                              <span className="muted small">{formatBytes(file.size)}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {sources.isError ? (
            <ErrorNotice what="More documents could not be loaded" error={sources.error} />
          ) : null}
          <LoadMore query={sources} label="Show more documents" />
        </>
      )}
    </section>
  );
}
