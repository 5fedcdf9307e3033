import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { userMay } from '../auth/permissions.ts';
import { useSetSessionUser, type SessionUser } from '../auth/session.ts';
import { Link, navigate, paths, type Route } from '../router.tsx';
import { describeError, isUnauthorized, useTRPC } from '../trpc.ts';
import { useSubmitGuard } from '../ui/form.tsx';

function NavLink({ to, current, children }: { to: string; current: boolean; children: ReactNode }) {
  return (
    <Link to={to} className="nav-link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** The frame around every page once signed in: brand, navigation, who is signed in. */
export function AppShell({
  user,
  route,
  children,
}: {
  user: SessionUser;
  route: Route;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const setSessionUser = useSetSessionUser();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => {
        navigate(paths.registry(), { replace: true });
        setSessionUser(null);
      },
      onError: (error) => {
        // An expired session is as good as signed out.
        if (isUnauthorized(error)) setSessionUser(null);
      },
    }),
  );
  const signOut = useSubmitGuard(logout);
  const inRegistry = route.page === 'registry' || route.page === 'person';
  const inSources = route.page === 'sources' || route.page === 'source';
  const inReview = route.page === 'review' || route.page === 'duplicates';
  const inImports = route.page === 'imports' || route.page === 'import';

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to={paths.registry()} className="brand" aria-label="Vigil — registry">
            <span className="brand-mark" aria-hidden="true" />
            Vigil
          </Link>
          <nav aria-label="Main" className="nav">
            <NavLink to={paths.registry()} current={inRegistry}>
              Registry
            </NavLink>
            <NavLink to={paths.sources()} current={inSources}>
              Sources
            </NavLink>
            <NavLink to={paths.review()} current={inReview}>
              Review
            </NavLink>
            <NavLink to={paths.numbers()} current={route.page === 'numbers'}>
              Numbers
            </NavLink>
            {userMay(user, 'write') ? (
              <NavLink to={paths.imports()} current={inImports}>
                Import
              </NavLink>
            ) : null}
            {userMay(user, 'admin') ? (
              <>
                <NavLink to={paths.system()} current={route.page === 'system'}>
                  System
                </NavLink>
                <NavLink to={paths.users()} current={route.page === 'users'}>
                  Users
                </NavLink>
                <NavLink to={paths.apiKeys()} current={route.page === 'api_keys'}>
                  API keys
                </NavLink>
              </>
            ) : null}
          </nav>
          <div className="account">
            <Link
              to={paths.account()}
              className="account-name"
              data-testid="current-user"
              title={`${user.displayName || user.username}: your account and password`}
            >
              {user.displayName || user.username}
            </Link>
            <span
              className="badge badge-muted"
              title={`Signed in as ${user.username}; clearance: ${user.clearance}`}
            >
              role: {user.role}
            </span>
            {user.totpEnabled ? null : (
              <Link to={paths.secondFactor()} className="account-link">
                Set up a second factor
              </Link>
            )}
            <button
              type="button"
              className="button button-quiet"
              onClick={() => signOut()}
              disabled={logout.isPending}
            >
              {logout.isPending ? 'Signing out…' : 'Sign out'}
            </button>
          </div>
        </div>
        {logout.isError && !isUnauthorized(logout.error) ? (
          <p className="topbar-error" role="alert">
            Could not sign out: {describeError(logout.error)}
          </p>
        ) : null}
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
