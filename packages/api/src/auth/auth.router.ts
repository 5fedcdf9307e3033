import { LoginInputSchema, PasswordChangeSchema, TotpCodeSchema } from '@vigil/domain';
import { z } from 'zod';
import { anyoneProcedure, procedureFor, router, signedInProcedure } from '../trpc.ts';
import { confirmTotpEnrolment, startTotpEnrolment } from './second-factor.service.ts';
import {
  changeOwnPassword,
  login,
  logout,
  SESSION_SECONDS,
  sessionUserOf,
} from './sessions.service.ts';

const SessionUserOutput = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  clearance: z.string(),
  totpEnabled: z.boolean(),
  /** An admin without a second factor: the app shows only the enrolment screen. */
  mustEnrolSecondFactor: z.boolean(),
});

/**
 * Signing in and out, and setting up a second factor: the only procedures an admin who has not
 * set one up may call (see `procedureFor`); and changing one's own password.
 */
export const authRouter = router({
  login: anyoneProcedure
    .input(LoginInputSchema)
    .output(z.object({ user: SessionUserOutput }))
    .mutation(async ({ ctx, input }) => {
      const { token, actor } = await login(ctx.db, input, ctx.ip);
      ctx.setSessionCookie(token, SESSION_SECONDS);
      return { user: sessionUserOf(actor) };
    }),
  logout: signedInProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await logout(ctx.db, ctx.sessionToken, ctx.actor, ctx.ip);
    ctx.setSessionCookie(null);
    return { ok: true as const };
  }),
  /** Any user, once their second factor is set up where they need one. */
  changePassword: procedureFor('read')
    .input(PasswordChangeSchema)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await changeOwnPassword(ctx.db, ctx.actor, ctx.sessionToken, input, ctx.ip);
      return { ok: true as const };
    }),
  me: signedInProcedure
    .output(z.object({ user: SessionUserOutput }))
    .query(({ ctx }) => ({ user: sessionUserOf(ctx.actor) })),
  startTotpEnrolment: signedInProcedure
    .output(z.object({ uri: z.string(), secret: z.string() }))
    .mutation(({ ctx }) => startTotpEnrolment(ctx.service)),
  confirmTotpEnrolment: signedInProcedure
    .input(z.object({ code: TotpCodeSchema }))
    .output(z.object({ user: SessionUserOutput }))
    .mutation(async ({ ctx, input }) => {
      await confirmTotpEnrolment(ctx.service, input.code);
      return { user: sessionUserOf({ ...ctx.actor, totpEnabled: true }) };
    }),
});
