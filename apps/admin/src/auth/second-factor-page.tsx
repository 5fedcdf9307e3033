import { mustEnrolSecondFactor, RoleSchema } from '@vigil/domain';
import { useMutation } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { describeError, fieldIssuesOf, isUnauthorized, useTRPC } from '../trpc.ts';
import { useSubmitGuard } from '../ui/form.tsx';
import { Loading } from '../ui/query-states.tsx';
import { useSetSessionUser, type SessionUser } from './session.ts';

/** The key in groups of four, as authenticator apps show it and accept it typed in. */
function groupedKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The QR code of an `otpauth://` URI as an SVG data URL, drawn in the browser (no request). */
function useQrCode(uri: string | undefined): string | null {
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!uri) return;
    let current = true;
    void QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }).then((svg) => {
      if (current) setDataUrl(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      current = false;
    };
  }, [uri]);
  return uri ? dataUrl : null;
}

/**
 * Setting up a second factor: the server makes a key and sends it this once; the page shows it
 * as a QR code and as text, and the first code from the app confirms it. Admins see only this
 * page until they have done it; others may choose to, from inside the app (`onCancel` then
 * leaves it instead of signing out). The key lives in this page's memory only, never in storage.
 */
export function SecondFactorPage({
  user,
  onCancel,
}: {
  user: SessionUser;
  /** For a user setting it up by choice: leave without it. */
  onCancel?: () => void;
}) {
  const trpc = useTRPC();
  const setSessionUser = useSetSessionUser();
  const [code, setCode] = useState('');
  const codeInput = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const start = useMutation(trpc.auth.startTotpEnrolment.mutationOptions());
  const confirm = useMutation(
    trpc.auth.confirmTotpEnrolment.mutationOptions({
      onSuccess: ({ user: enrolled }) => setSessionUser(enrolled),
      onError: (error) => {
        if (isUnauthorized(error)) setSessionUser(null);
        setCode('');
        codeInput.current?.focus();
      },
    }),
  );
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({ onSettled: () => setSessionUser(null) }),
  );
  const started = useRef(false);
  const { mutate: startEnrolment } = start;
  useEffect(() => {
    // Once per visit: starting again would replace the key the app may already hold.
    if (started.current) return;
    started.current = true;
    startEnrolment();
  }, [startEnrolment]);
  const qrCode = useQrCode(start.data?.uri);

  const sendCode = useSubmitGuard(confirm);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    sendCode({ code });
  }

  const codeProblem = fieldIssuesOf(confirm.error).find((issue) => issue.field === 'code');
  const Frame = onCancel ? 'section' : 'main';
  return (
    <Frame className={onCancel ? 'enrol-in-app' : 'login'}>
      <div className="login-card login-card-wide">
        {onCancel ? null : (
          <div className="brand brand-large">
            <span className="brand-mark" aria-hidden="true" />
            Vigil
          </div>
        )}
        <h1 className="login-title enrol-title">Set up your second factor</h1>
        <p className="login-lead">
          {mustEnrolSecondFactor(RoleSchema.catch('viewer').parse(user.role), false)
            ? 'Administrators sign in with their password and a code from an authenticator app on their phone. '
            : 'From now on you will sign in with your password and a code from an authenticator app on your phone. '}
          Add Vigil to the app (for example FreeOTP, Aegis or Google Authenticator), then enter the
          code it shows.
        </p>
        {start.isPending || (start.isSuccess && !qrCode) ? (
          <Loading label="Preparing your key…" />
        ) : start.isError ? (
          <div className="form">
            <p className="form-error" role="alert">
              The key could not be prepared: {describeError(start.error)}
            </p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => startEnrolment()}
            >
              Try again
            </button>
          </div>
        ) : start.data && qrCode ? (
          <div className="enrol" data-testid="second-factor-enrolment">
            <ol className="enrol-steps">
              <li>
                <span className="enrol-step-title">Scan this code with the app</span>
                <img
                  className="enrol-qr"
                  src={qrCode}
                  width={176}
                  height={176}
                  alt="QR code that adds Vigil to an authenticator app"
                />
              </li>
              <li>
                <span className="enrol-step-title">Or type in this key</span>
                <code className="enrol-key" data-testid="totp-secret">
                  {groupedKey(start.data.secret)}
                </code>
                <span className="field-help">
                  Account: {user.username} · time-based · 6 digits. The key is shown only now; keep
                  it nowhere else.
                </span>
              </li>
            </ol>
            <form
              onSubmit={submit}
              className="form"
              aria-label="Confirm the second factor"
              aria-describedby={confirm.isError ? errorId : undefined}
            >
              {confirm.isError ? (
                <p id={errorId} className="form-error" role="alert">
                  {codeProblem ? `The code ${codeProblem.message}.` : describeError(confirm.error)}
                </p>
              ) : null}
              <label className="field">
                <span className="field-label">Code from the app</span>
                <input
                  ref={codeInput}
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9 ]*"
                  required
                  maxLength={7}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              </label>
              <button type="submit" className="button button-primary" disabled={confirm.isPending}>
                {confirm.isPending ? 'Checking…' : 'Confirm and continue'}
              </button>
            </form>
          </div>
        ) : null}
        <p className="enrol-footer">
          <span className="muted small">Lost your phone later? Another admin can reset it.</span>
          {onCancel ? (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={onCancel}
            >
              Not now
            </button>
          ) : (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => logout.mutate()}
              disabled={logout.isPending}
            >
              {logout.isPending ? 'Signing out…' : 'Sign out'}
            </button>
          )}
        </p>
      </div>
    </Frame>
  );
}
