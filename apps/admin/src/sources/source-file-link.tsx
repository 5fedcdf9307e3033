import type { ApiOutputs } from '../trpc.ts';
import { Badge } from '../ui/badges.tsx';

/** A source's file as the server lists it, on a source's page or among a person's documents. */
type SourceFile = ApiOutputs['sources']['get']['files'][number];

/** A file size in B, KB or MB. */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A stored file's name, as a link that downloads it (`/files/:id`, checked against its SHA-256
 * on the server); a file still being hashed cannot be downloaded yet, and a damaged one not at all.
 * A reader cleared below staff sees a type whose metadata cannot be removed marked staff only.
 */
export function SourceFileLink({ file }: { file: SourceFile }) {
  if (file.damaged)
    return (
      <>
        <span className="break">{file.filename}</span> <Badge tone="bad">Damaged</Badge>
        <div className="small">
          Its stored copy is missing or no longer matches its SHA-256, so it cannot be downloaded; a
          review task asks staff to restore it.
        </div>
      </>
    );
  if (!file.sha256) return <span className="break">{file.filename}</span>;
  // By the stored type, which the upload checked against the content; the server decides by the
  // content itself when the file is asked for.
  if (file.copy === 'withheld')
    return (
      <>
        <span className="break">{file.filename}</span> <Badge tone="muted">Staff only</Badge>
        <div className="small">
          Vigil cannot remove the metadata of this type of file, which could expose who made it.
        </div>
      </>
    );
  return (
    <a href={`/files/${file.id}`} download={file.filename} className="break">
      {file.filename}
    </a>
  );
}
