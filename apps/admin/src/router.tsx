import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A small router over the History API. The server answers every path with the app, so a
 * page's address is its pathname; only record ids ever appear in it, never names or searches.
 */
export type Route =
  | { page: 'registry' }
  | { page: 'person'; id: string }
  | { page: 'sources' }
  | { page: 'source'; id: string }
  | { page: 'review' }
  | { page: 'numbers' }
  | { page: 'imports' }
  | { page: 'import'; id: string }
  | { page: 'duplicates'; a: string; b: string }
  | { page: 'system' }
  | { page: 'users' }
  | { page: 'api_keys' }
  | { page: 'deleted_persons' }
  | { page: 'second_factor' }
  | { page: 'account' }
  | { page: 'not_found' };

const ID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
const PERSON = new RegExp(`^/persons/${ID}/?$`);
const SOURCE = new RegExp(`^/sources/${ID}/?$`);
const IMPORT = new RegExp(`^/imports/${ID}/?$`);
const DUPLICATES = new RegExp(`^/duplicates/${ID}/${ID}/?$`);

/** Pages without a record id, by their pathname (a trailing slash is allowed). */
const LIST_PAGES = {
  '/sources': 'sources',
  '/review': 'review',
  '/numbers': 'numbers',
  '/imports': 'imports',
  '/system': 'system',
  '/users': 'users',
  '/api-keys': 'api_keys',
  '/deleted-persons': 'deleted_persons',
  '/second-factor': 'second_factor',
  '/account': 'account',
} as const satisfies Record<string, Route['page']>;

/** The page a pathname shows. */
export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '/persons' || pathname === '/persons/')
    return { page: 'registry' };
  const listPage = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  if (Object.prototype.hasOwnProperty.call(LIST_PAGES, listPage))
    return { page: LIST_PAGES[listPage as keyof typeof LIST_PAGES] };
  const person = PERSON.exec(pathname);
  if (person?.[1]) return { page: 'person', id: person[1].toLowerCase() };
  const source = SOURCE.exec(pathname);
  if (source?.[1]) return { page: 'source', id: source[1].toLowerCase() };
  const importJob = IMPORT.exec(pathname);
  if (importJob?.[1]) return { page: 'import', id: importJob[1].toLowerCase() };
  const pair = DUPLICATES.exec(pathname);
  if (pair?.[1] && pair[2]) {
    const [a, b] = [pair[1].toLowerCase(), pair[2].toLowerCase()];
    if (a !== b) return { page: 'duplicates', a, b };
  }
  return { page: 'not_found' };
}

/** Addresses of the app's pages. */
export const paths = {
  registry: () => '/',
  person: (id: string) => `/persons/${id}`,
  sources: () => '/sources',
  source: (id: string) => `/sources/${id}`,
  review: () => '/review',
  numbers: () => '/numbers',
  imports: () => '/imports',
  importJob: (id: string) => `/imports/${id}`,
  /** Two person records side by side; `b` is the one merged into `a` if they are the same. */
  duplicates: (a: string, b: string) => `/duplicates/${a}/${b}`,
  system: () => '/system',
  users: () => '/users',
  apiKeys: () => '/api-keys',
  deletedPersons: () => '/deleted-persons',
  secondFactor: () => '/second-factor',
  account: () => '/account',
};

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** Goes to another page of the app without reloading it. */
export function navigate(to: string, { replace = false }: { replace?: boolean } = {}) {
  if (to === window.location.pathname) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

/** The current pathname, re-rendering when it changes. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function useRoute(): Route {
  return routeOf(usePathname());
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link (it can be opened in a new tab) that navigates in place on a plain click. */
export function Link({ to, onClick, ...props }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  }
  return <a href={to} onClick={handleClick} {...props} />;
}
