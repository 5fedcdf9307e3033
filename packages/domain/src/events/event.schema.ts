import { z } from 'zod';
import { IdSchema, longText, patchOf, shortText, VersionSchema } from '../common.ts';
import { PastPartialDateSchema } from '../dates/partial-date.ts';
import type { FieldSensitivity } from '../sensitivity/sensitivity.ts';
import { SensitivitySchema } from '../sensitivity/sensitivity.ts';
import { EVENT_TYPE_DEFS, EVENT_TYPES, PARTICIPANT_ROLES } from './event-types.ts';

export const EventTypeSchema = z.enum(EVENT_TYPES);
export const ParticipantSchema = z.object({
  personId: IdSchema,
  role: z.enum(PARTICIPANT_ROLES).default('subject'),
});

const EventFields = z.object({
  type: EventTypeSchema,
  subtype: z.string().trim().max(50).nullable().default(null),
  /** When it happened: an event is something that happened, so never a date to come. */
  date: PastPartialDateSchema.nullable().default(null),
  place: shortText(300).nullable().default(null),
  actingParty: shortText(200).nullable().default(null),
  mediator: shortText(200).nullable().default(null),
  description: longText(5000).nullable().default(null),
  sensitivity: SensitivitySchema.default('partner'),
});

function checkSubtype(
  e: { type?: z.infer<typeof EventTypeSchema>; subtype?: string | null },
  ctx: z.RefinementCtx,
) {
  if (!e.type || !e.subtype) return;
  const allowed: readonly string[] = EVENT_TYPE_DEFS[e.type].subtypes;
  if (!allowed.includes(e.subtype)) {
    ctx.addIssue({
      code: 'custom',
      path: ['subtype'],
      message: allowed.length
        ? `must be one of ${allowed.join(', ')} for ${e.type}`
        : `${e.type} has no subtypes`,
    });
  }
}

export const EventCreateSchema = EventFields.extend({
  participants: z.array(ParticipantSchema).min(1, 'an event involves at least one person').max(500),
}).superRefine(checkSubtype);
export type EventCreate = z.input<typeof EventCreateSchema>;

export const EventUpdateSchema = z.object({
  id: IdSchema,
  version: VersionSchema,
  patch: patchOf(EventFields)
    .extend({ participants: z.array(ParticipantSchema).min(1).max(500).optional() })
    .superRefine(checkSubtype),
});

export const EventSchema = EventFields.extend({
  id: IdSchema,
  version: VersionSchema,
  participants: z.array(ParticipantSchema),
  createdAt: z.date(),
});
export type VigilEvent = z.infer<typeof EventSchema>;

export const eventFields: FieldSensitivity = { id: 'public', description: 'staff' };
