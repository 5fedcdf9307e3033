import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useMay } from '../auth/permissions.ts';
import { ClaimForm } from '../claims/claim-form.tsx';
import { LoadedClaims } from '../claims/claims-table.tsx';
import {
  ARCHIVE_STATE_LABELS,
  labelOf,
  partialDateText,
  SIDE_LABELS,
  SOURCE_KIND_LABELS,
} from '../labels.ts';
import { Link, paths } from '../router.tsx';
import { errorCodeOf, useTRPC, type ApiOutputs } from '../trpc.ts';
import { ReliabilityBadge, SensitivityBadge } from '../ui/badges.tsx';
import { Detail } from '../ui/detail.tsx';
import { EmptyState, ErrorNotice, Loading } from '../ui/query-states.tsx';
import { SourceClaims } from './source-claims.tsx';
import { SourceCounts } from './source-counts.tsx';
import { SourceEditForm } from './source-edit-form.tsx';
import { SourceFileLink, formatBytes } from './source-file-link.tsx';
import { SourceFileUpload } from './source-file-upload.tsx';

type Source = ApiOutputs['sources']['get'];

/** Refresh while a file is still being hashed by the worker. */
const HASHING_POLL_MS = 3000;
/** Largest page the API gives; a source with more claims gets a notice. */
const MAX_CLAIMS = 500;

/** One source: what it is, how it is graded, its files with their hashes, the numbers it gives, its text. */
export function SourcePage({ id }: { id: string }) {
  const trpc = useTRPC();
  const source = useQuery(
    trpc.sources.get.queryOptions(
      { id },
      {
        refetchInterval: (query) =>
          query.state.data?.files.some((f) => f.sha256 === null) ? HASHING_POLL_MS : false,
      },
    ),
  );
  const claims = useQuery(trpc.claims.list.queryOptions({ sourceId: id, limit: MAX_CLAIMS }));
  const mayWrite = useMay('write');
  const [addingClaim, setAddingClaim] = useState(false);
  const [editing, setEditing] = useState(false);

  if (source.isPending) return <Loading label="Loading the source…" />;
  if (source.isError) {
    return (
      <>
        <BackToSources />
        {errorCodeOf(source.error) === 'NOT_FOUND' ? (
          <EmptyState>
            <h1>Source not found</h1>
            <p className="muted">There is no such source, or you are not cleared to see it.</p>
          </EmptyState>
        ) : (
          <ErrorNotice
            what="This source could not be loaded"
            error={source.error}
            onRetry={() => void source.refetch()}
          />
        )}
      </>
    );
  }
  const s: Source = source.data;

  return (
    <article className="source">
      <BackToSources />
      <header className="page-header">
        <div>
          <p className="eyebrow">{labelOf(SOURCE_KIND_LABELS, s.kind)}</p>
          <h1>{s.title}</h1>
          {s.publisher ? <p className="page-lead">{s.publisher}</p> : null}
        </div>
        <div className="badges">
          {s.reliability ? <ReliabilityBadge grade={s.reliability} /> : null}
          {s.sensitivity && s.sensitivity !== 'partner' ? (
            <SensitivityBadge level={s.sensitivity} />
          ) : null}
        </div>
      </header>

      {editing ? <SourceEditForm source={s} onClose={() => setEditing(false)} /> : null}

      <div className="columns">
        {editing ? null : (
          <section className="panel" aria-labelledby="source-details-heading">
            <div className="panel-header">
              <h2 id="source-details-heading">About this source</h2>
              {mayWrite ? (
                <button
                  type="button"
                  className="button button-secondary button-small panel-action"
                  onClick={() => setEditing(true)}
                >
                  Edit the source
                </button>
              ) : null}
            </div>
            <dl className="details">
              <Detail label="Kind" value={s.kind}>
                {labelOf(SOURCE_KIND_LABELS, s.kind)}
              </Detail>
              <Detail label="Publisher" value={s.publisher} />
              <Detail label="Author" value={s.author} />
              <Detail label="Speaks for" value={s.side}>
                {labelOf(SIDE_LABELS, s.side)}
              </Detail>
              <Detail label="Reliability" value={s.reliability}>
                {s.reliability ? <ReliabilityBadge grade={s.reliability} /> : null}
              </Detail>
              <Detail label="Published" value={s.publishedDate}>
                {partialDateText(s.publishedDate)}
              </Detail>
              <Detail label="Accessed" value={s.accessedDate} />
              <Detail label="Language" value={s.language} />
              <Detail label="Address" value={s.url}>
                {s.url ? (
                  <a href={s.url} target="_blank" rel="noopener noreferrer" className="break">
                    {s.url}
                  </a>
                ) : null}
              </Detail>
              <Detail label="Archive" value={s.archiveStatus}>
                {labelOf(ARCHIVE_STATE_LABELS, s.archiveStatus)}
              </Detail>
              <Detail label="Cited by" value={s.claimCount}>
                {s.claimCount} {s.claimCount === 1 ? 'claim' : 'claims'}
              </Detail>
              <Detail label="Notes" value={s.notes}>
                <span className="prewrap">{s.notes}</span>
              </Detail>
            </dl>
          </section>
        )}

        <section className="panel" aria-labelledby="files-heading">
          <div className="panel-header">
            <h2 id="files-heading">Files</h2>
            {mayWrite ? <SourceFileUpload sourceId={s.id} /> : null}
          </div>
          {s.files.length === 0 ? (
            <p className="muted">No files are stored for this source.</p>
          ) : (
            <>
              {/* The server says which copy of each file this user would get. */}
              {s.files.some((file) => file.copy !== 'original') ? (
                <p className="muted small">
                  Photos and PDFs download without their metadata (camera, place, author, attached
                  files), which could expose who made them; an encrypted PDF only staff may
                  download. Plain text, CSV and JSON download as they are; any other file only staff
                  may download, as its metadata cannot be removed.
                </p>
              ) : null}
              <div className="table-scroll">
                <table className="table table-compact">
                  <thead>
                    <tr>
                      <th scope="col">File</th>
                      <th scope="col">Size</th>
                      <th scope="col">SHA-256</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.files.map((file) => (
                      <tr key={file.id} data-testid="source-file">
                        <td>
                          <SourceFileLink file={file} />
                          <div className="muted small">{file.mediaType}</div>
                        </td>
                        <td className="nowrap">{formatBytes(file.size)}</td>
                        <td>
                          {file.sha256 ? (
                            <code className="hash">{file.sha256}</code>
                          ) : (
                            <span className="muted">hashing…</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      </div>

      <SourceCounts source={s} mayWrite={mayWrite} />

      <section className="panel" aria-labelledby="source-claims-heading">
        <div className="panel-header">
          <h2 id="source-claims-heading">What this source says about persons</h2>
          <span className="muted small">Each claim is reviewed before it counts</span>
          {mayWrite && !addingClaim ? (
            <button
              type="button"
              className="button button-secondary button-small panel-action"
              onClick={() => setAddingClaim(true)}
            >
              Add a claim
            </button>
          ) : null}
        </div>
        {addingClaim ? (
          <ClaimForm source={{ id: s.id, label: s.title }} onClose={() => setAddingClaim(false)} />
        ) : null}
        <LoadedClaims query={claims} limit={MAX_CLAIMS}>
          {(items) => <SourceClaims claims={items} />}
        </LoadedClaims>
      </section>

      {s.content ? (
        <section className="panel" aria-labelledby="content-heading">
          <div className="panel-header">
            <h2 id="content-heading">Text of the source</h2>
            <span className="muted small">As stored; staff only</span>
          </div>
          <pre className="document" lang={s.language ?? undefined} data-testid="source-content">
            {s.content.trim()}
          </pre>
        </section>
      ) : null}
    </article>
  );
}

function BackToSources() {
  return (
    <p className="breadcrumb">
      <Link to={paths.sources()}>← Sources</Link>
    </p>
  );
}
