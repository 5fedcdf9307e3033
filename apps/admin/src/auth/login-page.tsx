import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { describeError, useTRPC } from '../trpc.ts';
import { useSetSessionUser } from './session.ts';

/** Sign-in form. A wrong user name and a wrong password get the same answer from the server. */
export function LoginPage() {
  const trpc = useTRPC();
  const setSessionUser = useSetSessionUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const passwordInput = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: ({ user }) => setSessionUser(user),
      onError: () => {
        setPassword('');
        passwordInput.current?.focus();
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending) return;
    login.mutate({ username: username.trim(), password });
  }

  return (
    <main className="login">
      <div className="login-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Vigil
        </div>
        <p className="login-lead">Documentation and verification of persons deprived of liberty.</p>
        <form
          onSubmit={submit}
          className="form"
          aria-describedby={login.isError ? errorId : undefined}
        >
          <h1 className="login-title">Sign in</h1>
          {login.isError ? (
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
          <button type="submit" className="button button-primary" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
