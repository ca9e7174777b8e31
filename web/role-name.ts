import { MESSAGES } from './i18n/messages';
import type { TMessageKey } from './i18n/messages';
import type { TTranslate } from './i18n/translate';

const isKey = (key: string): key is TMessageKey => Object.hasOwn(MESSAGES.id, key);
const KINDS = ['reviewer', 'approver', 'ppk', 'legal', 'vendor', 'supervisor'] as const;

/**
 * A role as people read it, in the page's language: `reviewer:dpmptsp` → "Petugas DPMPTSP",
 * `approver:kepala-dpmptsp` → "Kepala DPMPTSP", `vendor:0123…` → "Penyedia (NPWP 0123…)". The one place that
 * names roles on pages (task page, timelines, the signed-in user's roles); a unit without a name in the
 * catalogue shows its id in capitals, an unknown role shows itself.
 */
export function roleName(role: string, t: TTranslate): string {
  const whole = `role.${role}`;
  const colon = role.indexOf(':');
  const kind = KINDS.find((k) => k === role.slice(0, colon));
  // A kind's own message is a pattern, not a name: a bare `reviewer` is not a role.
  if (isKey(whole) && !KINDS.some((k) => k === role)) return t(whole);
  if (colon < 0 || !kind) return role;
  const unitId = role.slice(colon + 1);
  const unitKey = `role.unit.${unitId}`;
  const unit = kind === 'vendor' ? unitId : isKey(unitKey) ? t(unitKey) : unitId.replace(/-/g, ' ').toUpperCase();
  return t(`role.${kind}`, { unit });
}
