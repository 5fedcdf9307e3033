import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { roleText } from '../labels.ts';
import { useTRPC } from '../trpc.ts';
import { FormActions, FormProblem, issueFor, TextField, useSubmitGuard } from '../ui/form.tsx';
import type { SessionUser } from './session.ts';

/** The signed-in user's own account: who they are, and a change of their password. */
export function AccountPage({ user }: { user: SessionUser }) {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Your account</h1>
          <p className="page-lead">
            Signed in as <strong>{user.username}</strong> ({user.displayName}); role{' '}
            {roleText(user.role as Parameters<typeof roleText>[0])}, cleared for {user.clearance}{' '}
            data.
          </p>
        </div>
      </div>
      <ChangePasswordForm />
    </>
  );
}

/**
 * A new password for oneself, given with the current one (checked like a sign-in). Every other
 * session of the user ends; this one goes on.
 */
function ChangePasswordForm() {
  const trpc = useTRPC();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [changed, setChanged] = useState(false);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        setChanged(true);
        setCurrent('');
        setNext('');
        setAgain('');
      },
    }),
  );
  const send = useSubmitGuard(change);
  const mismatch =
    again !== '' && again !== next ? 'is not the same as the new password' : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (next !== again) return;
    setChanged(false);
    send({ currentPassword: current, newPassword: next });
  }

  const error = change.error;
  return (
    <form
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="Change your password"
      noValidate
    >
      <h2 className="form-title">Change your password</h2>
      {changed ? (
        <p className="notice notice-good span-2" role="status" data-testid="password-changed">
          Your password is changed. Your other sessions have ended; this one goes on.
        </p>
      ) : null}
      <FormProblem error={error} fields={['currentPassword', 'newPassword']} what="Not changed" />
      <TextField
        label="Current password"
        error={issueFor(error, 'currentPassword')}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
        className="span-2"
      />
      <TextField
        label="New password"
        error={issueFor(error, 'newPassword')}
        help="At least 10 characters."
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={setNext}
        maxLength={256}
      />
      <TextField
        label="New password again"
        error={mismatch}
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={setAgain}
        maxLength={256}
      />
      <FormActions
        pending={change.isPending}
        disabled={current === '' || next === '' || next !== again}
        submit="Change the password"
        pendingLabel="Changing…"
      />
    </form>
  );
}
