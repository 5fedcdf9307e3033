import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { describeError, fieldIssuesOf, useTRPC } from '../trpc.ts';
import { useSubmitGuard } from '../ui/form.tsx';
import { useSetSessionUser } from './session.ts';

/** Whether the server refused a sign-in only because the account's second-factor code is missing. */
export function asksForCode(error: unknown): boolean {
  return fieldIssuesOf(error).some((issue) => issue.field === 'code');
}

/**
 * Sign-in form. A wrong user name, password or code get the same answer from the server; once
 * the server says the account has a second factor, the form asks for its code as well.
 */
export function LoginPage() {
  const trpc = useTRPC();
  const setSessionUser = useSetSessionUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [codeNeeded, setCodeNeeded] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const codeHelpId = useId();
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: ({ user }) => setSessionUser(user),
      onError: (error) => {
        if (asksForCode(error)) {
          setCodeNeeded(true);
          return;
        }
        setPassword('');
        setCode('');
        passwordInput.current?.focus();
      },
    }),
  );

  const send = useSubmitGuard(login);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send({ username: username.trim(), password, code: codeNeeded ? code : undefined });
  }

  // Being asked for the code is the next step, not a failure.
  const failed = login.isError && !asksForCode(login.error);

  return (
    <main className="login">
      <div className="login-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Vigil
        </div>
        <p className="login-lead">Documentation and verification of persons deprived of liberty.</p>
        <form onSubmit={submit} className="form" aria-describedby={failed ? errorId : undefined}>
          <h1 className="login-title">Sign in</h1>
          {failed ? (
            <p id={errorId} className="form-error" role="alert">
              {describeError(login.error)}
            </p>
          ) : null}
          <label className="field">
            <span className="field-label">User name</span>
            <input
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              maxLength={64}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field-label">Password</span>
            <input
              ref={passwordInput}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              maxLength={256}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {codeNeeded ? (
            <label className="field">
              <span className="field-label">Code from your authenticator app</span>
              <input
                // It appears when the server asks for it: that is where the user types next.
                autoFocus
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9 ]*"
                required
                maxLength={7}
                aria-describedby={codeHelpId}
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
              <span id={codeHelpId} className="field-help">
                The 6 digits the app shows for Vigil now. Lost the phone? Ask another admin to reset
                your second factor.
              </span>
            </label>
          ) : null}
          <button type="submit" className="button button-primary" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
