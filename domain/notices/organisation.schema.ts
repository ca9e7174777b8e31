/**
 * Who works in which unit and who supervises it (templates/organisation.json): the addressees of a stage's
 * reminders and escalation (issue 10 §2). Loaded by store/organisation.ts; resolved by notice-addressees.ts.
 * Kept apart from office.json, which is the letterhead documents print: this is the office's chain of command.
 */
import { z } from 'zod';
import { ZRoleSchema } from '../case-type.schema';

const text = z.string().trim().min(1);

/** A position that receives notices: the role whose inbox shows them and the functional mailbox they are mailed to. */
export const ZPositionSchema = z.strictObject({
  role: ZRoleSchema,
  /** e.g. "Kepala Dinas PUPR Kabupaten Kubu Raya": the greeting of its e-mails. */
  title: text,
  mailbox: z.email(),
});
export type TPosition = z.infer<typeof ZPositionSchema>;

export const ZOrganisationUnitSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'unit ids are lower-case slugs'),
  /** e.g. "Dinas PUPR Kabupaten Kubu Raya". */
  name: text,
  /** The task roles of the unit (`reviewer:pupr`): their reminders go to `mailbox`, then to `supervisor`. */
  roles: z.array(ZRoleSchema).min(1),
  /** The unit's functional mailbox (not a person's). */
  mailbox: z.email(),
  supervisor: ZPositionSchema,
});
export type TOrganisationUnit = z.infer<typeof ZOrganisationUnitSchema>;

export const ZOrganisationSchema = z
  .strictObject({
    /** Where the data comes from and who confirms it. */
    source: z.string().optional(),
    /** The head of office: every escalation, and the supervisor of a role no unit lists. */
    head: ZPositionSchema,
    units: z.array(ZOrganisationUnitSchema).min(1),
  })
  .superRefine((org, ctx) => {
    const units = new Set<string>();
    const roles = new Map<string, string>();
    org.units.forEach((unit, i) => {
      if (units.has(unit.id)) ctx.addIssue({ code: 'custom', path: ['units', i, 'id'], message: `duplicate unit "${unit.id}"` });
      units.add(unit.id);
      unit.roles.forEach((role, j) => {
        const other = roles.get(role);
        if (other) ctx.addIssue({ code: 'custom', path: ['units', i, 'roles', j], message: `role ${role} is already in unit "${other}"` });
        roles.set(role, unit.id);
      });
      if (unit.roles.includes(unit.supervisor.role)) ctx.addIssue({ code: 'custom', path: ['units', i, 'supervisor', 'role'], message: 'a unit cannot supervise itself' });
    });
  });
export type TOrganisation = z.infer<typeof ZOrganisationSchema>;
