import type { TSessionUser } from './session';
import type { TNavLink } from './layout';
import type { TTranslate } from './i18n/translate';
import type { TMessageKey } from './i18n/messages';

/**
 * Where each kind of person's work starts: the navigation and the front page's cards both come from this one
 * list, so a new area adds its entry point (with who sees it and one line saying what it is for) here.
 */
const LINKS: { href: string; label: TMessageKey; purpose?: TMessageKey; visible: (user: TSessionUser | null) => boolean }[] = [
  { href: '/', label: 'nav.home', visible: () => true },
  { href: '/izin', label: 'applicant.nav.catalogue', purpose: 'home.purpose.catalogue', visible: (user) => !user || user.roles.includes('applicant') },
  { href: '/permohonan', label: 'applicant.nav.mine', purpose: 'home.purpose.mine', visible: (user) => Boolean(user?.roles.includes('applicant')) },
  { href: '/kontrak', label: 'contracts.nav', purpose: 'contracts.nav.purpose', visible: (user) => Boolean(user?.roles.some((r) => r.startsWith('ppk:') || r.startsWith('vendor:'))) },
  { href: '/tugas', label: 'tasks.nav', purpose: 'home.purpose.tasks', visible: (user) => Boolean(user?.roles.some((r) => r !== 'applicant' && r !== 'admin' && r !== 'auditor')) },
  { href: '/dasbor', label: 'admin.nav.dashboard', purpose: 'home.purpose.dashboard', visible: (user) => Boolean(user?.roles.includes('admin')) },
  { href: '/audit', label: 'audit.nav', purpose: 'audit.purpose', visible: (user) => Boolean(user?.roles.includes('auditor')) },
  { href: '/lacak', label: 'tracking.nav', purpose: 'tracking.purpose', visible: (user) => !user || user.roles.includes('applicant') },
  { href: '/verifikasi', label: 'nav.verify', purpose: 'home.purpose.verify', visible: () => true },
  { href: '/register-kontrak', label: 'public.nav.register', purpose: 'home.purpose.register', visible: () => true },
  { href: '/data-terbuka', label: 'openData.nav', purpose: 'openData.purpose', visible: () => true },
];

export const navFor = (user: TSessionUser | null, t: TTranslate): TNavLink[] =>
  LINKS.filter((link) => link.visible(user)).map((link) => ({ href: link.href, label: t(link.label) }));

/** The front page's cards: every entry point this person may use, with what it is for. */
export const entryPointsFor = (user: TSessionUser | null, t: TTranslate): (TNavLink & { purpose: string })[] =>
  LINKS.filter((link) => link.purpose && link.visible(user)).map((link) => ({ href: link.href, label: t(link.label), purpose: t(link.purpose!) }));
