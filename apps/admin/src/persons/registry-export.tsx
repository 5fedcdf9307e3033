import { REGISTRY_EXPORT_FORMATS, type RegistryExportFormat } from '@vigil/domain';
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useMay } from '../auth/permissions.ts';
import { countText } from '../labels.ts';
import { useTRPC, type ApiInputs } from '../trpc.ts';
import { downloadText } from '../ui/download.ts';
import { FormProblem, SegmentedChoice, useSubmitGuard } from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';

type RegistryExportInput = ApiInputs['persons']['exportRegistry'];

const FORMAT_LABELS: Record<RegistryExportFormat, string> = {
  csv: 'CSV (spreadsheets)',
  json: 'JSON',
};

/**
 * Exports the registry, with the filters the registry page shows, as a CSV or JSON file the
 * browser downloads. For editors and admins only (others see nothing: the server would refuse
 * them); the file holds what the user's clearance allows, never a family contact, and making it
 * is audited. Nothing of it stays in the page once the download has started.
 *
 * @example
 * <RegistryExport filters={registryListInput(filters)} onClose={() => setExporting(false)} />
 */
export function RegistryExport({
  filters,
  onClose,
}: {
  /** The registry page's filters as `persons.list` takes them. */
  filters: Omit<RegistryExportInput, 'format'>;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const mayExport = useMay('write');
  const headingId = useId();
  const [format, setFormat] = useState<RegistryExportFormat>('csv');
  const [downloaded, setDownloaded] = useState<{ filename: string; count: number } | null>(null);
  const exportFile = useMutation(
    trpc.persons.exportRegistry.mutationOptions({
      onMutate: () => setDownloaded(null),
      onSuccess: ({ filename, mediaType, text, count }) => {
        downloadText(filename, text, mediaType);
        setDownloaded({ filename, count });
      },
    }),
  );
  const send = useSubmitGuard(exportFile);
  const inline = useInlineForm<HTMLElement>(onClose);
  if (!mayExport) return null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send({ format, ...filters });
  }

  const filtered = Object.values(filters).some((value) => value !== undefined);
  return (
    <section {...inline} className="panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>Export</h2>
        <span className="muted small">
          {filtered ? 'The persons these filters find' : 'Every person in the registry'}, with the
          fields your clearance allows (never a family contact); the export is audited
        </span>
      </div>
      <form className="filters" aria-label="Export the registry" onSubmit={submit}>
        <SegmentedChoice
          legend="Format"
          name="format"
          value={format}
          onChange={setFormat}
          choices={REGISTRY_EXPORT_FORMATS}
          labels={FORMAT_LABELS}
        />
        <div className="filters-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={exportFile.isPending}
            aria-busy={exportFile.isPending}
          >
            {exportFile.isPending ? 'Preparing the file…' : 'Export'}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
      <FormProblem error={exportFile.error} fields={[]} what="No export" />
      {downloaded && !exportFile.isPending && !exportFile.isError ? (
        <p className="notice notice-good" role="status">
          {downloaded.filename} was downloaded: {countText(downloaded.count, 'person')}. It holds
          names of detainees: keep it where only those who need it can read it.
        </p>
      ) : null}
    </section>
  );
}
