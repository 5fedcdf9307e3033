import { LoginInputSchema } from '@vigil/domain';
import { z } from 'zod';
import { anyoneProcedure, router, signedInProcedure } from '../trpc.ts';
import { login, logout, SESSION_SECONDS } from './sessions.service.ts';

const ActorOutput = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  clearance: z.string(),
});

export const authRouter = router({
  login: anyoneProcedure
    .input(LoginInputSchema)
    .output(z.object({ user: ActorOutput }))
    .mutation(async ({ ctx, input }) => {
      const { token, actor } = await login(ctx.db, input, ctx.ip);
      ctx.setSessionCookie(token, SESSION_SECONDS);
      return { user: actor };
    }),
  logout: signedInProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await logout(ctx.db, ctx.sessionToken, ctx.actor, ctx.ip);
    ctx.setSessionCookie(null);
    return { ok: true as const };
  }),
  me: signedInProcedure
    .output(z.object({ user: ActorOutput }))
    .query(({ ctx }) => ({ user: ctx.actor })),
});
