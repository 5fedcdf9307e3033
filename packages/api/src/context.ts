import type { Role, Sensitivity } from '@vigil/domain';
import type { Db, FileStore } from '@vigil/db';
import type { JobQueue } from '@vigil/jobs';

/** The signed-in staff member a request acts for. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  clearance: Sensitivity;
  /** Whether the account has a second factor (TOTP); an admin without one may only enrol. */
  totpEnabled: boolean;
}

/** What every service needs: the database, the queue, the file store. */
export interface Deps {
  db: Db;
  queue: JobQueue;
  files: FileStore;
}

/** Deps plus who is acting and from where: the first argument of every service function. */
export interface ServiceContext extends Deps {
  actor: Actor;
  ip: string | null;
}

/** The tRPC context, built per request by the server (or directly in tests). */
export interface Context extends Deps {
  actor: Actor | null;
  ip: string | null;
  /** The raw session token from the cookie, so `auth.logout` can end it. */
  sessionToken: string | null;
  /** Sets or clears the session cookie on the response. */
  setSessionCookie: (token: string | null, maxAgeSeconds?: number) => void;
}
