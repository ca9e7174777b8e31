import type { TCaseKind } from '../domain/case';
import type { TMessageKey } from './i18n/messages';
import type { TTranslate } from './i18n/translate';
import { roleName } from './role-name';

/**
 * History entries whose words name what the case is: a permit's "Permohonan diajukan" is a contract's "Draf kontrak
 * diajukan" and an addendum's "Adendum diajukan". Other actions (a stage opened, a task claimed) read the same for all.
 */
const KIND_WORDED_ACTIONS = ['submitted', 'registered', 'revised', 'withdrawn', 'approved', 'rejected'] as const;

/** A history entry's title in the case kind's words. */
export function caseActionLabel(action: string, kind: TCaseKind, t: TTranslate): string {
  if (kind !== 'permit' && (KIND_WORDED_ACTIONS as readonly string[]).includes(action)) {
    return t(`tasks.action.${kind}.${action as (typeof KIND_WORDED_ACTIONS)[number]}`);
  }
  return t(`tasks.action.${action}` as TMessageKey);
}

/** Who drafted the case and reads the reviewers' comments: the applicant of a permit, the PPK of a contract or addendum. */
export const drafterWording = (kind: TCaseKind): 'permit' | 'contract' => (kind === 'permit' ? 'permit' : 'contract');

/** The role that took a history entry: a contract's or an addendum's `applicant` is the PPK who drafted it. */
export const caseRoleName = (role: string, kind: TCaseKind, t: TTranslate): string =>
  kind !== 'permit' && role === 'applicant' ? t('contracts.party.ppk') : roleName(role, t);
