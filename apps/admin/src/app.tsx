import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { Permission } from '@vigil/domain';
import { LoginPage } from './auth/login-page.tsx';
import { userMay } from './auth/permissions.ts';
import { AccountPage } from './auth/account-page.tsx';
import { SecondFactorPage } from './auth/second-factor-page.tsx';
import { useSession, type SessionUser } from './auth/session.ts';
import { AppShell } from './layout/app-shell.tsx';
import { NumbersPage } from './numbers/numbers-page.tsx';
import { PersonPage } from './persons/person-page.tsx';
import {
  NO_REGISTRY_FILTERS,
  RegistryPage,
  type RegistryFilters,
} from './persons/registry-page.tsx';
import { NO_REVIEW_FILTERS, ReviewPage, type ReviewFilters } from './review/review-page.tsx';
import { Link, navigate, paths, useRoute, type Route } from './router.tsx';
import { SourcePage } from './sources/source-page.tsx';
import { NO_SOURCE_FILTERS, SourcesPage, type SourceFilters } from './sources/sources-page.tsx';
import { EmptyState, ErrorNotice, Loading } from './ui/query-states.tsx';

/*
 * Pages for some roles only, or for occasional work, load when first opened; the registry,
 * persons, sources and the review queue come with the app.
 */
const ImportsPage = lazy(() =>
  import('./imports/imports-page.tsx').then((m) => ({ default: m.ImportsPage })),
);
const ImportPage = lazy(() =>
  import('./imports/import-page.tsx').then((m) => ({ default: m.ImportPage })),
);
const DuplicatesPage = lazy(() =>
  import('./duplicates/duplicates-page.tsx').then((m) => ({ default: m.DuplicatesPage })),
);
const SystemPage = lazy(() =>
  import('./system/system-page.tsx').then((m) => ({ default: m.SystemPage })),
);
const UsersPage = lazy(() =>
  import('./users/users-page.tsx').then((m) => ({ default: m.UsersPage })),
);
const DeletedPersonsPage = lazy(() =>
  import('./persons/deleted-persons-page.tsx').then((m) => ({ default: m.DeletedPersonsPage })),
);
const ApiKeysPage = lazy(() =>
  import('./partners/api-keys-page.tsx').then((m) => ({ default: m.ApiKeysPage })),
);

/** Page titles name the kind of page only: titles land in the browser's history. */
const TITLES: Record<Route['page'], string> = {
  registry: 'Registry',
  person: 'Person',
  sources: 'Sources',
  source: 'Source',
  review: 'Review queue',
  numbers: 'Numbers',
  imports: 'Import a list',
  import: 'Import',
  duplicates: 'Possible duplicate',
  system: 'System',
  users: 'Users',
  api_keys: 'Partner API keys',
  deleted_persons: 'Deleted records',
  second_factor: 'Second factor',
  account: 'Your account',
  not_found: 'Page not found',
};

/** What a role needs to open a page; pages not listed need only a signed-in user. */
const PAGE_PERMISSIONS: Partial<Record<Route['page'], Permission>> = {
  imports: 'write',
  import: 'write',
  system: 'admin',
  users: 'admin',
  api_keys: 'admin',
  deleted_persons: 'admin',
};

/** Shows the sign-in form, the second-factor enrolment or the app, as `auth.me` says. */
export function App() {
  const session = useSession();
  if (session.isPending) {
    return (
      <div className="center">
        <Loading label="Starting Vigil…" />
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="center">
        <ErrorNotice
          what="Vigil could not be reached"
          error={session.error}
          onRetry={() => void session.refetch()}
        />
      </div>
    );
  }
  if (!session.data) return <LoginPage />;
  // The server refuses an admin without a second factor everything else until they set it up.
  if (session.data.mustEnrolSecondFactor) return <SecondFactorPage user={session.data} />;
  return <SignedInApp user={session.data} />;
}

function SignedInApp({ user }: { user: SessionUser }) {
  const route = useRoute();
  // Filters are kept here so that going back from a record finds the list as it was.
  const [registryFilters, setRegistryFilters] = useState<RegistryFilters>(NO_REGISTRY_FILTERS);
  const [sourceFilters, setSourceFilters] = useState<SourceFilters>(NO_SOURCE_FILTERS);
  const [reviewFilters, setReviewFilters] = useState<ReviewFilters>(NO_REVIEW_FILTERS);
  const routeKey =
    'id' in route
      ? `${route.page}:${route.id}`
      : route.page === 'duplicates'
        ? `${route.page}:${route.a}:${route.b}`
        : route.page;
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = `${TITLES[route.page]} — Vigil`;
    // Move focus to the new page so keyboard and screen-reader users land on it.
    if (firstRender.current) firstRender.current = false;
    else document.getElementById('main')?.focus({ preventScroll: true });
  }, [routeKey, route.page]);

  return (
    <AppShell user={user} route={route}>
      <Suspense fallback={<Loading label="Opening the page…" />}>{renderPage(route)}</Suspense>
    </AppShell>
  );

  function renderPage(r: Route) {
    const needed = PAGE_PERMISSIONS[r.page];
    if (needed && !userMay(user, needed)) {
      return (
        <EmptyState>
          <h1>Not for your role</h1>
          <p className="muted">
            Your role ({user.role}) cannot open this page. An administrator can change your role.
          </p>
        </EmptyState>
      );
    }
    switch (r.page) {
      case 'registry':
        return <RegistryPage filters={registryFilters} onFiltersChange={setRegistryFilters} />;
      case 'person':
        return <PersonPage key={r.id} id={r.id} />;
      case 'sources':
        return <SourcesPage filters={sourceFilters} onFiltersChange={setSourceFilters} />;
      case 'source':
        return <SourcePage key={r.id} id={r.id} />;
      case 'review':
        return <ReviewPage filters={reviewFilters} onFiltersChange={setReviewFilters} />;
      case 'numbers':
        return <NumbersPage />;
      case 'imports':
        return <ImportsPage />;
      case 'import':
        return <ImportPage key={r.id} id={r.id} />;
      case 'duplicates':
        return <DuplicatesPage key={`${r.a}:${r.b}`} a={r.a} b={r.b} />;
      case 'system':
        return <SystemPage />;
      case 'users':
        return <UsersPage />;
      case 'api_keys':
        return <ApiKeysPage />;
      case 'deleted_persons':
        return <DeletedPersonsPage />;
      case 'account':
        return <AccountPage user={user} />;
      case 'second_factor':
        return user.totpEnabled ? (
          <EmptyState>
            <h1>Your second factor is set up</h1>
            <p className="muted">
              Every sign-in asks for a code from your authenticator app. Lost the device? An admin
              can reset it.
            </p>
          </EmptyState>
        ) : (
          <SecondFactorPage user={user} onCancel={() => navigate(paths.registry())} />
        );
      case 'not_found':
        return (
          <div className="state state-empty">
            <h1>Page not found</h1>
            <p>
              <Link to={paths.registry()}>Go to the registry</Link>
            </p>
          </div>
        );
    }
  }
}
