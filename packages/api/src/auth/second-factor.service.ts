import { AppError } from '@vigil/domain';
import { appendAudit, users, type DbOrTx } from '@vigil/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../context.ts';
import { newTotpSecret, totpStepOf, totpUri } from './totp.ts';

/** Where an account's second factor stands, as its audit entries tell it. */
type SecondFactorState = 'none' | 'pending' | 'enabled';

/** The state of a user row's second factor; never the secret. */
export function secondFactorStateOf(user: {
  totpSecret: string | null;
  totpEnabledAt: Date | null;
}): SecondFactorState {
  return user.totpEnabledAt ? 'enabled' : user.totpSecret ? 'pending' : 'none';
}

/**
 * Audits a change of a user's second factor: ids and the states before and after, never the
 * secret or a code.
 */
export function auditSecondFactor(
  tx: DbOrTx,
  by: Pick<ServiceContext, 'actor' | 'ip'> | null,
  userId: string,
  before: SecondFactorState,
  after: SecondFactorState,
) {
  return appendAudit(tx, {
    actorId: by?.actor.id ?? null,
    action: 'update',
    entity: 'user',
    entityId: userId,
    ip: by?.ip ?? null,
    diff: { secondFactor: [before, after] },
  });
}

const alreadyEnrolled = () =>
  new AppError(
    'CONFLICT',
    'Your account already has a second factor. To move it to a new device, ask an admin to reset it.',
  );

/**
 * Starts setting up the signed-in user's second factor: a new secret, kept by the server and
 * returned this once, as the `otpauth://` URI for a QR code and as text to type in. It is not
 * required at sign-in until a code from it is confirmed; starting again replaces it.
 */
export async function startTotpEnrolment(
  ctx: ServiceContext,
): Promise<{ uri: string; secret: string }> {
  const secret = newTotpSecret();
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ totpSecret: users.totpSecret, totpEnabledAt: users.totpEnabledAt })
      .from(users)
      .where(eq(users.id, ctx.actor.id))
      .for('update');
    if (!before) throw AppError.notFound('User');
    if (before.totpEnabledAt) throw alreadyEnrolled();
    await tx
      .update(users)
      .set({ totpSecret: secret, totpLastStep: null })
      .where(eq(users.id, ctx.actor.id));
    await auditSecondFactor(tx, ctx, ctx.actor.id, secondFactorStateOf(before), 'pending');
    return { uri: totpUri(secret, ctx.actor.username), secret };
  });
}

/**
 * Confirms the second factor with a code from the authenticator app; from then on every
 * sign-in needs a code. The code counts as used: it cannot open a session afterwards.
 */
export async function confirmTotpEnrolment(ctx: ServiceContext, code: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ totpSecret: users.totpSecret, totpEnabledAt: users.totpEnabledAt })
      .from(users)
      .where(eq(users.id, ctx.actor.id))
      .for('update');
    if (!user) throw AppError.notFound('User');
    if (user.totpEnabledAt) throw alreadyEnrolled();
    if (!user.totpSecret)
      throw new AppError('CONFLICT', 'Start setting up the second factor first');
    const step = totpStepOf(user.totpSecret, code);
    if (step === null)
      throw AppError.badInput([
        {
          field: 'code',
          message:
            'is not the code your authenticator app shows now; check that you added the right key and that the device’s clock is right',
        },
      ]);
    await tx
      .update(users)
      .set({ totpEnabledAt: new Date(), totpLastStep: step })
      .where(and(eq(users.id, ctx.actor.id), isNull(users.totpEnabledAt)));
    await auditSecondFactor(tx, ctx, ctx.actor.id, 'pending', 'enabled');
  });
}
