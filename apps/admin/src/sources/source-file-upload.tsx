import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useTRPC } from '../trpc.ts';
import { FormProblem, issueFor } from '../ui/form.tsx';

/** The server's limit, checked here first so that nobody waits for a refusal. */
const MAX_BYTES = 20 * 1024 * 1024;

/** The file as base64, read in the browser; the bytes are sent once and kept nowhere here. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      typeof reader.result === 'string'
        ? resolve(reader.result.replace(/^data:[^,]*,/, ''))
        : reject(new Error('The file could not be read'));
    reader.onerror = () => reject(new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

/**
 * Adds a document, photo or video to a source. The server refuses a file whose content is not
 * its declared type (naming it) and one over 20 MB; the worker then stores it by its SHA-256,
 * and the list shows "hashing…" until it has.
 */
export function SourceFileUpload({ sourceId }: { sourceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const upload = useMutation(
    trpc.sources.uploadFile.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries(trpc.sources.get.queryFilter({ id: sourceId })),
      onSettled: () => {
        if (input.current) input.current.value = '';
      },
    }),
  );

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file || upload.isPending) return;
    setTooLarge(null);
    upload.reset();
    if (file.size > MAX_BYTES) {
      setTooLarge(`${file.name} is larger than 20 MB`);
      return;
    }
    upload.mutate({
      sourceId,
      filename: file.name,
      mediaType: file.type || 'application/octet-stream',
      contentBase64: await base64Of(file),
    });
  }

  const mediaTypeProblem = issueFor(upload.error, 'mediaType');
  return (
    <div className="file-upload">
      <label htmlFor={id} className="button button-secondary button-small">
        {upload.isPending ? 'Uploading…' : 'Add a file'}
      </label>
      <input
        id={id}
        ref={input}
        type="file"
        className="visually-hidden"
        disabled={upload.isPending}
        onChange={(event) => void choose(event)}
      />
      {tooLarge ? (
        <p className="form-error" role="alert">
          <strong>Not added: </strong>
          {tooLarge}
        </p>
      ) : mediaTypeProblem ? (
        <p className="form-error" role="alert">
          <strong>Not added: </strong>the file {mediaTypeProblem}
        </p>
      ) : (
        <FormProblem error={upload.error} fields={[]} what="Not added" />
      )}
    </div>
  );
}
