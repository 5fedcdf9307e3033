import { useState } from 'react';
import { describeError, errorCodeOf } from '../trpc.ts';
import type { RebasedDraft } from './edit-changes.ts';

/**
 * Beside the server's CONFLICT message (someone else saved the record since the form was
 * opened): a button that reloads the record and keeps the user's changes on top of it
 * (`rebaseDraft`), so they can check them and save again. Nothing for any other error.
 */
export function ConflictReload({
  error,
  what,
  onReload,
}: {
  error: unknown;
  /** The record, in words: `the source`, `the number`. */
  what: string;
  onReload: () => Promise<void>;
}) {
  const [reloading, setReloading] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  if (errorCodeOf(error) !== 'CONFLICT') return null;

  async function reload() {
    setReloading(true);
    setFailure(null);
    try {
      await onReload();
    } catch (reloadError) {
      setFailure(reloadError);
    } finally {
      setReloading(false);
    }
  }

  return (
    <div className="conflict-reload span-2" data-testid="conflict-reload">
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={reloading}
        onClick={() => void reload()}
      >
        {reloading ? 'Reloading…' : `Reload ${what}`}
      </button>
      <span className="muted small">
        Your changes stay in the form, laid over what was saved meanwhile.
      </span>
      {failure ? (
        <span className="field-error">Could not reload: {describeError(failure)}</span>
      ) : null}
    </div>
  );
}

/**
 * After a reload on a conflict: what someone else changed meanwhile, and where both changed
 * the same field, their value, as the form keeps the user's for them to check.
 */
export function RebasedNotice<D extends object>({
  theirs,
  both,
  now,
  labelOf,
  textOf,
}: Pick<RebasedDraft<D>, 'theirs' | 'both'> & {
  /** The record as it is now, as a draft. */
  now: D;
  labelOf: (field: keyof D) => string;
  /** A field's value in words, where it is not plain text (a list of identifiers). */
  textOf?: (field: keyof D) => string;
}) {
  const valueText = (field: keyof D) => {
    const value = textOf ? textOf(field) : now[field];
    return value === '' || value === null || value === undefined ? 'empty' : `“${String(value)}”`;
  };
  return (
    <p className="notice" role="status" data-testid="rebased-notice">
      Reloaded.{' '}
      {theirs.length > 0
        ? `Changed meanwhile by someone else: ${[...new Set(theirs.map(labelOf))].join(', ')}. `
        : 'Nothing this form edits was changed meanwhile. '}
      {both.map(
        (field) =>
          `You both changed ${labelOf(field)}: theirs is ${valueText(field)}, the form shows yours. `,
      )}
      Your own changes are still in the form: save again to apply them.
    </p>
  );
}
