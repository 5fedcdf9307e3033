import {
  IdSchema,
  PersonCreateSchema,
  PersonDeleteSchema,
  PersonPurgeSchema,
  PersonRestoreSchema,
  PersonUpdateSchema,
} from '@vigil/domain';
import { z } from 'zod';
import { procedureFor, router } from '../trpc.ts';
import {
  countPersons,
  createPerson,
  deletePerson,
  getPerson,
  listDeletedPersons,
  listPersons,
  PersonCountInputSchema,
  PersonListInputSchema,
  purgePerson,
  restorePerson,
  updatePerson,
} from './persons.service.ts';
import { exportRegistry, RegistryExportInputSchema } from './registry-export.service.ts';
import { exportSubjectAccess } from './subject-access.service.ts';

export const personsRouter = router({
  create: procedureFor('write')
    .input(PersonCreateSchema)
    .mutation(({ ctx, input }) => createPerson(ctx.service, input)),
  get: procedureFor('read')
    .input(z.object({ id: IdSchema }))
    .query(({ ctx, input }) => getPerson(ctx.service, input.id)),
  list: procedureFor('read')
    .input(PersonListInputSchema)
    .query(({ ctx, input }) => listPersons(ctx.service, input)),
  /**
   * How many persons the list's filters find, counted as the list pages through them: only the
   * persons the caller may see, by the status they may know.
   */
  count: procedureFor('read')
    .input(PersonCountInputSchema)
    .output(z.object({ count: z.number().int().min(0) }))
    .query(({ ctx, input }) => countPersons(ctx.service, input)),
  /**
   * The registry as one CSV or JSON file, with the list's filters, cut to the caller's clearance
   * and audited. Editors and admins only: a viewer or reviewer may page through the registry,
   * but not carry it away whole.
   */
  exportRegistry: procedureFor('write')
    .input(RegistryExportInputSchema)
    .mutation(({ ctx, input }) => exportRegistry(ctx.service, input)),
  /** Everything held about one person, third parties withheld (a subject-access request). */
  exportSubjectAccess: procedureFor('admin')
    .input(z.object({ id: IdSchema }))
    .mutation(({ ctx, input }) => exportSubjectAccess(ctx.service, input.id)),
  update: procedureFor('write')
    .input(PersonUpdateSchema)
    .mutation(({ ctx, input }) => updatePerson(ctx.service, input)),
  /** Hides a person record from everyone; nothing is erased (TRUST 14). */
  delete: procedureFor('admin')
    .input(PersonDeleteSchema)
    .mutation(({ ctx, input }) => deletePerson(ctx.service, input)),
  restore: procedureFor('admin')
    .input(PersonRestoreSchema)
    .mutation(({ ctx, input }) => restorePerson(ctx.service, input)),
  /** Erases a deleted record for good, its audit values with it (TRUST 14's purge). */
  purge: procedureFor('admin')
    .input(PersonPurgeSchema)
    .mutation(({ ctx, input }) => purgePerson(ctx.service, input)),
  listDeleted: procedureFor('admin').query(({ ctx }) => listDeletedPersons(ctx.service)),
});
