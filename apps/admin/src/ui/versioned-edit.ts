import { useState, type FormEvent } from 'react';
import { rebaseDraft, type RebasedDraft } from './edit-changes.ts';

/** A record as an edit form read it: the version a save names, and the values it started from. */
export interface ReadRecord<D> {
  version: number;
  draft: D;
}

export interface VersionedEditOptions<D, P extends object, R extends ReadRecord<D>> {
  /** The record as first read. */
  initial: () => R;
  /** What a save sends: the changes from the record as read to the draft now (`changesOf`). */
  patchOf: (read: R, now: D) => P;
  /** Sends the patch with the version read; the server refuses it as stale if the record moved on. */
  save: (version: number, patch: P) => void;
  /** Reads the record as it is now, after a save was refused as stale. */
  readAgain: () => Promise<R>;
  /** Told of the record read again, with the one read before (for state kept beside the draft). */
  onReadAgain?: (before: R, fresh: R) => void;
  /** A save with nothing changed: the form just closes. */
  onUnchanged: () => void;
  /** Clears the refused save's error once the record is read again. */
  resetError: () => void;
}

/**
 * The editing of one versioned record, shared by every "Edit"/"Correct" form: the draft, a
 * submit that sends only the changed fields with the version read (or closes when nothing
 * changed), and a reload after a stale save that lays the user's own changes over the record as
 * it is now (`rebaseDraft`), saying which fields someone else changed meanwhile.
 */
export function useVersionedEdit<
  D extends object,
  P extends object,
  R extends ReadRecord<D> = ReadRecord<D>,
>(options: VersionedEditOptions<D, P, R>) {
  const [read, setRead] = useState<R>(options.initial);
  const [draft, setDraft] = useState<D>(read.draft);
  const [rebased, setRebased] = useState<(RebasedDraft<D> & { now: D }) | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const patch = options.patchOf(read, draft);
    if (Object.keys(patch).length === 0) options.onUnchanged();
    else options.save(read.version, patch);
  }

  async function reload() {
    const fresh = await options.readAgain();
    const next = rebaseDraft(read.draft, draft, fresh.draft);
    setRead(fresh);
    setDraft(next.draft);
    setRebased({ ...next, now: fresh.draft });
    options.onReadAgain?.(read, fresh);
    options.resetError();
  }

  return { read, draft, setDraft, rebased, submit, reload };
}
