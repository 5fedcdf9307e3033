import { resolve } from 'node:path';

/** The only place Vigil reads its environment. */
export interface VigilEnv {
  port: number;
  host: string;
  /** Data directory of embedded mode: PGlite data, files, the first admin's password. */
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  /** Built admin app to serve at `/`. */
  adminDist: string;
  /** Fetch source URLs to archive them (`VIGIL_ARCHIVE_FETCH=1`); otherwise reviewers are asked. */
  archiveFetch: boolean;
  /** Requests a minute each partner API key may make (`VIGIL_PARTNER_RATE_LIMIT`), if not the default. */
  partnerRateLimit: number | undefined;
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): VigilEnv {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const archiveFetch = env.VIGIL_ARCHIVE_FETCH ?? '0';
  if (archiveFetch !== '0' && archiveFetch !== '1') {
    throw new Error(
      `VIGIL_ARCHIVE_FETCH must be 1 (fetch source URLs to archive them) or 0, not "${archiveFetch}"`,
    );
  }
  const partnerRateLimit =
    env.VIGIL_PARTNER_RATE_LIMIT === undefined ? undefined : Number(env.VIGIL_PARTNER_RATE_LIMIT);
  if (
    partnerRateLimit !== undefined &&
    (!Number.isInteger(partnerRateLimit) || partnerRateLimit < 1 || partnerRateLimit > 100_000)
  )
    throw new Error(
      `VIGIL_PARTNER_RATE_LIMIT must be a whole number of requests a minute (1 to 100000), not "${env.VIGIL_PARTNER_RATE_LIMIT}"`,
    );
  return {
    archiveFetch: archiveFetch === '1',
    partnerRateLimit,
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.VIGIL_DATA_DIR ?? '.vigil'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.VIGIL_ADMIN_PASSWORD || undefined,
    adminDist: resolve(
      env.VIGIL_ADMIN_DIST ?? new URL('../../admin/dist', import.meta.url).pathname,
    ),
  };
}

/**
 * The passphrase of `vigil backup` and `vigil restore`, from VIGIL_BACKUP_PASSPHRASE. It is
 * read only by those commands and is never part of {@link VigilEnv}, so nothing else holds it.
 */
export function readBackupPassphrase(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.VIGIL_BACKUP_PASSPHRASE || undefined;
}
