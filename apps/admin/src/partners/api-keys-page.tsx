import { API_KEY_CLEARANCES, API_SCOPE_LABELS, API_SCOPES, type ApiScope } from '@vigil/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { dateTimeText, SENSITIVITY_LABELS } from '../labels.ts';
import { describeError, useTRPC, type ApiOutputs } from '../trpc.ts';
import { Badge } from '../ui/badges.tsx';
import {
  ChoiceField,
  FormActions,
  FormProblem,
  issueFor,
  orNull,
  TextField,
  useSubmitGuard,
} from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';

type ApiKey = ApiOutputs['apiKeys']['list'][number];
type Clearance = (typeof API_KEY_CLEARANCES)[number];

const STATE_TONES = { active: 'good', revoked: 'bad', expired: 'muted' } as const;
const STATE_LABELS = { active: 'Active', revoked: 'Revoked', expired: 'Expired' } as const;

/**
 * For administrators: the keys partners use to read the partner API (`/api/v1`), each with its
 * scopes and clearance. A new key's token is shown once; a revoked key fails on its next request.
 */
export function ApiKeysPage() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions(undefined, { staleTime: 0 }));
  const [adding, setAdding] = useState(false);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Partner API keys</h1>
          <p className="page-lead">
            Other NGOs, lawyers and international bodies read verified data at <code>/api/v1</code>{' '}
            with a key. A key reads only what its scopes open and its clearance allows; restricted
            data never leaves through a key.
          </p>
        </div>
        {!adding ? (
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            New key
          </button>
        ) : null}
      </div>
      {adding ? <ApiKeyForm onClose={() => setAdding(false)} /> : null}
      {keys.isPending ? (
        <Loading label="Loading keys…" />
      ) : keys.isError ? (
        <ErrorNotice
          what="Keys could not be loaded"
          error={keys.error}
          onRetry={() => void keys.refetch()}
        />
      ) : keys.data.length === 0 ? (
        <p className="muted">No partner has a key yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Partner API keys">
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Clearance</th>
                <th scope="col">Scopes</th>
                <th scope="col">State</th>
                <th scope="col">Last used</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <ApiKeyRow key={key.id} apiKey={key} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function ApiKeyRow({ apiKey }: { apiKey: ApiKey }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.apiKeys.pathFilter()),
    }),
  );
  const sendRevoke = useSubmitGuard(revoke);
  return (
    <tr>
      <td className="name">{apiKey.name}</td>
      <td>{SENSITIVITY_LABELS[apiKey.clearance]}</td>
      <td className="small">{apiKey.scopes.join(', ')}</td>
      <td>
        <Badge tone={STATE_TONES[apiKey.state]}>{STATE_LABELS[apiKey.state]}</Badge>
        {apiKey.expiresOn && apiKey.state === 'active' ? (
          <span className="muted small"> until {apiKey.expiresOn}</span>
        ) : null}
        {apiKey.state === 'active' ? (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={revoke.isPending}
            onClick={() => {
              if (window.confirm(`Revoke the key of ${apiKey.name}? Its next request will fail.`))
                sendRevoke({ id: apiKey.id, version: apiKey.version });
            }}
          >
            {revoke.isPending ? 'Revoking…' : 'Revoke'}
          </button>
        ) : null}
        {revoke.error ? (
          <span className="field-error" role="alert">
            {describeError(revoke.error)}
          </span>
        ) : null}
      </td>
      <td className="nowrap small">{apiKey.lastUsedAt ? dateTimeText(apiKey.lastUsedAt) : '—'}</td>
      <td className="nowrap small">{dateTimeText(apiKey.createdAt)}</td>
    </tr>
  );
}

function ApiKeyForm({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [clearance, setClearance] = useState<Clearance>('partner');
  const [scopes, setScopes] = useState<ApiScope[]>(['persons:read']);
  const [expiresOn, setExpiresOn] = useState('');
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.apiKeys.pathFilter()),
    }),
  );
  const send = useSubmitGuard(create);
  const inline = useInlineForm<HTMLFormElement>(onClose);

  if (create.data) {
    return (
      <div className="form-panel" role="status" onKeyDown={inline.onKeyDown}>
        <h2 className="form-title">The key of {create.data.key.name}</h2>
        <p>
          Give this token to the partner now, over a safe channel. It is shown only this once: Vigil
          keeps only a hash of it.
        </p>
        <pre className="token" data-testid="api-key-token">
          {create.data.token}
        </pre>
        <p className="muted small">
          The partner sends it as <code>Authorization: Bearer …</code> to <code>/api/v1</code>.
        </p>
        <div className="form-actions">
          <CopyButton text={create.data.token} />
          <button type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send({ name, clearance, scopes, expiresOn: orNull(expiresOn) });
  }

  const error = create.error;
  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="New key"
      noValidate
    >
      <h2 className="form-title">New partner key</h2>
      <FormProblem error={error} fields={['name', 'clearance', 'scopes', 'expiresOn']} />
      <TextField
        label="Partner"
        help="Who holds the key, and what for"
        error={issueFor(error, 'name')}
        value={name}
        onChange={setName}
        maxLength={200}
      />
      <ChoiceField
        label="Clearance"
        help="The most sensitive fields the key may read"
        error={issueFor(error, 'clearance')}
        value={clearance}
        onChange={setClearance}
        choices={API_KEY_CLEARANCES}
        labels={SENSITIVITY_LABELS}
      />
      <fieldset className="span-2 field-choices">
        <legend className="field-label">Scopes</legend>
        {API_SCOPES.map((scope) => (
          <label key={scope} className="checkbox">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(e) =>
                setScopes((current) =>
                  e.target.checked ? [...current, scope] : current.filter((s) => s !== scope),
                )
              }
            />
            {API_SCOPE_LABELS[scope]}
          </label>
        ))}
        {issueFor(error, 'scopes') ? (
          <span className="field-error">{issueFor(error, 'scopes')}</span>
        ) : null}
      </fieldset>
      <TextField
        label="Last day"
        help="YYYY-MM-DD; leave empty for a key that works until revoked"
        error={issueFor(error, 'expiresOn')}
        value={expiresOn}
        onChange={setExpiresOn}
        maxLength={10}
        spellCheck={false}
      />
      <FormActions
        pending={create.isPending}
        submit="Create the key"
        pendingLabel="Creating…"
        onCancel={onClose}
      />
    </form>
  );
}

/**
 * Copies a text to the clipboard and says so; where the browser refuses (no secure context, no
 * permission), says to select the text instead. The text never goes to storage.
 */
function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState<'yes' | 'refused' | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => {
          // Absent outside a secure context (plain http on another host than localhost).
          if (!('clipboard' in navigator)) return setCopied('refused');
          navigator.clipboard.writeText(text).then(
            () => setCopied('yes'),
            () => setCopied('refused'),
          );
        }}
      >
        Copy the token
      </button>
      <span className="muted small" role="status">
        {copied === 'yes'
          ? 'Copied.'
          : copied === 'refused'
            ? 'This browser does not allow copying here: select the token and copy it.'
            : null}
      </span>
    </>
  );
}
