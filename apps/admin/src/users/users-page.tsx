import { mustEnrolSecondFactor, ROLES, type Role } from '@vigil/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session.ts';
import {
  dateTimeText,
  labelOf,
  ROLE_LABELS,
  roleGrantsText,
  roleText,
  SENSITIVITY_LABELS,
} from '../labels.ts';
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

type StaffUser = ApiOutputs['users']['list'][number];

const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

/** For administrators: staff accounts, their roles, and new accounts. */
export function UsersPage() {
  const trpc = useTRPC();
  const users = useQuery(trpc.users.list.queryOptions(undefined, { staleTime: 0 }));
  const [adding, setAdding] = useState(false);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p className="page-lead">
            Staff accounts and their roles. A role decides what the server lets its holder do.
          </p>
        </div>
        {!adding ? (
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            New user
          </button>
        ) : null}
      </div>
      {adding ? <UserForm onClose={() => setAdding(false)} /> : null}
      {users.isPending ? (
        <Loading label="Loading users…" />
      ) : users.isError ? (
        <ErrorNotice
          what="Users could not be loaded"
          error={users.error}
          onRetry={() => void users.refetch()}
        />
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Users" data-testid="users">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Clearance</th>
                <th scope="col">Account</th>
                <th scope="col">Second factor</th>
                <th scope="col">Password</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <UserRow key={user.id} user={user} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function UserRow({ user }: { user: StaffUser }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSession().data;
  const self = me?.id === user.id;
  const update = useMutation(
    trpc.users.update.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.users.pathFilter()),
    }),
  );
  const send = useSubmitGuard(update);
  return (
    <tr data-username={user.username} className={user.disabled ? 'row-disabled' : undefined}>
      <td className="cell-primary">
        <strong>{user.displayName}</strong>
        <div className="muted small">
          {user.username}
          {self ? ' · you' : ''}
        </div>
      </td>
      <td>
        <select
          aria-label={`Role of ${user.username}`}
          value={user.role}
          disabled={self || update.isPending}
          title={self ? 'You cannot change your own role' : undefined}
          onChange={(e) =>
            send({
              id: user.id,
              version: user.version,
              patch: { role: e.target.value as Role },
            })
          }
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        {isRole(user.role) ? <div className="muted small">{roleGrantsText(user.role)}</div> : null}
        {update.isError ? (
          <div className="field-error" role="alert">
            {describeError(update.error)}
          </div>
        ) : null}
      </td>
      <td>{labelOf(SENSITIVITY_LABELS, user.clearance)}</td>
      <td>
        {user.disabled ? <Badge tone="bad">Disabled</Badge> : <Badge tone="good">Active</Badge>}{' '}
        {!self ? (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={update.isPending}
            onClick={() =>
              send({
                id: user.id,
                version: user.version,
                patch: { disabled: !user.disabled },
              })
            }
          >
            {user.disabled ? 'Enable' : 'Disable'}
          </button>
        ) : null}
      </td>
      <td>
        <SecondFactorCell user={user} self={self} />
      </td>
      <td>
        {self ? (
          <span className="muted small">on your account page</span>
        ) : (
          <PasswordResetCell user={user} />
        )}
      </td>
      <td className="nowrap small">{dateTimeText(user.createdAt)}</td>
    </tr>
  );
}

/**
 * Whether a user has a second factor, and a reset for one who lost their device: it ends their
 * sessions, and an admin sets up a new one at the next sign-in.
 */
function SecondFactorCell({ user, self }: { user: StaffUser; self: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reset = useMutation(
    trpc.users.resetSecondFactor.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.users.pathFilter()),
    }),
  );
  const sendReset = useSubmitGuard(reset);
  if (!user.totpEnabledAt)
    return mustEnrolSecondFactor(user.role, false) ? (
      <Badge tone="warn" title="Sets one up at the next sign-in">
        Not set up
      </Badge>
    ) : (
      <span className="muted small">None</span>
    );
  return (
    <>
      <Badge tone="good" title={`Since ${dateTimeText(user.totpEnabledAt)}`}>
        Set up
      </Badge>{' '}
      {!self ? (
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={reset.isPending}
          onClick={() => {
            if (
              window.confirm(
                `Reset the second factor of ${user.username}? Their sessions end, and they set up a new one when they next sign in.`,
              )
            )
              sendReset({ id: user.id });
          }}
        >
          {reset.isPending ? 'Resetting…' : 'Reset'}
        </button>
      ) : null}
      {reset.isError ? (
        <div className="field-error" role="alert">
          {describeError(reset.error)}
        </div>
      ) : null}
    </>
  );
}

/**
 * A new password for a user who lost theirs: the admin types it and tells them in person. All
 * their sessions end at once.
 */
function PasswordResetCell({ user }: { user: StaffUser }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  if (open)
    return (
      <PasswordResetForm
        user={user}
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false);
          setDone(true);
        }}
      />
    );
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => {
          setDone(false);
          setOpen(true);
        }}
      >
        New password…
      </button>
      {done ? (
        <div className="small" role="status">
          Set; their sessions ended.
        </div>
      ) : null}
    </>
  );
}

function PasswordResetForm({
  user,
  onClose,
  onDone,
}: {
  user: StaffUser;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const [password, setPassword] = useState('');
  const reset = useMutation(trpc.users.resetPassword.mutationOptions({ onSuccess: onDone }));
  const send = useSubmitGuard(reset);
  const inline = useInlineForm<HTMLFormElement>(onClose);
  return (
    <form
      {...inline}
      aria-label={`New password for ${user.username}`}
      onSubmit={(event) => {
        event.preventDefault();
        send({ id: user.id, newPassword: password });
      }}
      noValidate
    >
      <FormProblem error={reset.error} fields={['newPassword']} what="Not set" />
      <TextField
        label={`New password for ${user.username}`}
        error={issueFor(reset.error, 'newPassword')}
        help="At least 10 characters; give it to them in person."
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        maxLength={256}
      />
      <FormActions
        pending={reset.isPending}
        submit="Set the password"
        pendingLabel="Setting…"
        onCancel={onClose}
        className=""
      />
    </form>
  );
}

function UserForm({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.users.pathFilter());
        onClose();
      },
    }),
  );
  const send = useSubmitGuard(create);
  const inline = useInlineForm<HTMLFormElement>(onClose);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send({
      username: username.trim(),
      displayName: orNull(displayName) ?? undefined,
      password,
      role,
    });
  }

  const error = create.error;
  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="New user"
      noValidate
    >
      <h2 className="form-title">New user</h2>
      <FormProblem error={error} fields={['username', 'displayName', 'password', 'role']} />
      <TextField
        label="User name"
        error={issueFor(error, 'username')}
        help="Lowercase letters, digits, “.”, “_” and “-”."
        value={username}
        onChange={setUsername}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={64}
      />
      <TextField
        label="Full name"
        error={issueFor(error, 'displayName')}
        value={displayName}
        onChange={setDisplayName}
        maxLength={200}
      />
      <TextField
        label="First password"
        error={issueFor(error, 'password')}
        help="At least 10 characters; give it to them in person."
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        maxLength={256}
      />
      <ChoiceField
        label="Role"
        error={issueFor(error, 'role')}
        value={role}
        onChange={setRole}
        choices={ROLES}
        labels={roleText}
      />
      <FormActions
        pending={create.isPending}
        submit="Create the user"
        pendingLabel="Creating…"
        onCancel={onClose}
      />
    </form>
  );
}
