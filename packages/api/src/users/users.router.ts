import { PasswordResetSchema } from '@vigil/domain';
import { procedureFor, router } from '../trpc.ts';
import {
  createUser,
  listUsers,
  resetPassword,
  resetSecondFactor,
  SecondFactorResetSchema,
  updateUser,
  UserCreateSchema,
  UserUpdateSchema,
} from './users.service.ts';

export const usersRouter = router({
  list: procedureFor('admin').query(({ ctx }) => listUsers(ctx.db)),
  create: procedureFor('admin')
    .input(UserCreateSchema)
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.service, input)),
  update: procedureFor('admin')
    .input(UserUpdateSchema)
    .mutation(({ ctx, input }) => updateUser(ctx.service, input)),
  resetPassword: procedureFor('admin')
    .input(PasswordResetSchema)
    .mutation(({ ctx, input }) => resetPassword(ctx.service, input)),
  resetSecondFactor: procedureFor('admin')
    .input(SecondFactorResetSchema)
    .mutation(({ ctx, input }) => resetSecondFactor(ctx.db, ctx.service, input)),
});
