import { ROLES, roleAllows, type Role } from '@vigil/domain';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './router.ts';
import { createTestApp, type TestApp } from './testing.ts';
import type { Meta } from './trpc.ts';

type AnyProcedure = { _def: { meta?: Meta; type: 'query' | 'mutation' | 'subscription' } };
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, AnyProcedure>,
);

async function call(caller: unknown, path: string): Promise<unknown> {
  const fn = path.split('.').reduce<any>((node, key) => node[key], caller);
  return fn({});
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : `not a TRPCError: ${String(error)}`;
  }
}

describe('every procedure checks the caller', () => {
  let app: TestApp;
  const callers = new Map<Role, unknown>();
  let unenrolledAdmin: unknown;
  beforeAll(async () => {
    app = await createTestApp();
    for (const role of ROLES) callers.set(role, (await app.as(role)).caller);
    unenrolledAdmin = (await app.asUnenrolled('admin')).caller;
  });
  afterAll(async () => app?.close());

  it('declares who may call it', () => {
    expect(procedures.length).toBeGreaterThan(20);
    for (const [path, procedure] of procedures) {
      expect(procedure._def.meta?.access, path).toBeDefined();
    }
  });

  it.each(procedures.map(([path]) => path))('%s refuses an anonymous caller', async (path) => {
    const access = (appRouter._def.procedures as unknown as Record<string, AnyProcedure>)[path]!;
    const code = await errorCode(call(app.anonymous(), path));
    if (access._def.meta?.access === 'anyone') expect(code).not.toBe('UNAUTHORIZED');
    else expect(code).toBe('UNAUTHORIZED');
  });

  it.each(procedures.map(([path]) => path))(
    '%s refuses every role without its permission',
    async (path) => {
      const access = (appRouter._def.procedures as unknown as Record<string, AnyProcedure>)[path]!
        ._def.meta?.access;
      if (access === 'anyone' || access === 'signed_in' || access === undefined) return;
      const lacking = ROLES.filter((role: Role) => !roleAllows(role, access));
      for (const role of lacking) {
        expect(await errorCode(call(callers.get(role), path)), `${role} → ${path}`).toBe(
          'FORBIDDEN',
        );
      }
      const allowed = ROLES.find((role: Role) => roleAllows(role, access))!;
      expect(await errorCode(call(callers.get(allowed), path)), `${allowed} → ${path}`).not.toBe(
        'FORBIDDEN',
      );
    },
  );

  it('opens to any signed-in caller only signing in and out and setting up a second factor', () => {
    const open = procedures
      .filter(([, procedure]) => procedure._def.meta?.access === 'signed_in')
      .map(([path]) => path)
      .sort();
    expect(open).toEqual([
      'auth.confirmTotpEnrolment',
      'auth.logout',
      'auth.me',
      'auth.startTotpEnrolment',
    ]);
  });

  it.each(procedures.map(([path]) => path))(
    '%s refuses an admin who has not set up a second factor, unless it is part of signing in or enrolling',
    async (path) => {
      const access = (appRouter._def.procedures as unknown as Record<string, AnyProcedure>)[path]!
        ._def.meta?.access;
      const code = await errorCode(call(unenrolledAdmin, path));
      if (access === 'anyone' || access === 'signed_in') expect(code).not.toBe('FORBIDDEN');
      else expect(code, path).toBe('FORBIDDEN');
    },
  );
});
