import { addendaMessages } from './addenda.messages';
import { auditMessages } from './audit.messages';
import { applicantMessages } from './applicant.messages';
import { adminMessages } from './admin.messages';
import { clockMessages } from './clock.messages';
import { commonMessages } from './common.messages';
import { contractsMessages } from './contracts.messages';
import { noticesMessages } from './notices.messages';
import { openDataMessages } from './open-data.messages';
import { publicMessages } from './public.messages';
import { rolesMessages } from './roles.messages';
import type { TLang } from './define-messages';
import { tasksMessages } from './tasks.messages';
import { trackingMessages } from './tracking.messages';

/**
 * Every area's catalogue, merged. A new area adds its `<area>.messages.ts` here (one line); its keys start with
 * the area's name so that two areas never collide.
 */
const AREAS = [auditMessages, commonMessages, applicantMessages, publicMessages, tasksMessages, adminMessages, rolesMessages, addendaMessages, contractsMessages, clockMessages, noticesMessages, trackingMessages, openDataMessages] as const;

type TArea = (typeof AREAS)[number];
type TKeysOf<A> = A extends { id: Record<infer K, string> } ? K : never;
export type TMessageKey = TKeysOf<TArea>;

export const MESSAGES: Record<TLang, Record<TMessageKey, string>> = {
  id: Object.assign({}, ...AREAS.map((a) => a.id)),
  en: Object.assign({}, ...AREAS.map((a) => a.en)),
};
