import type { TSessionUser } from './session';
import type { TNavLink } from './layout';
import type { TTranslate } from './i18n/translate';
import type { TMessageKey } from './i18n/messages';

/** The navigation: each area adds its entry point here with who sees it. */
const LINKS: { href: string; label: TMessageKey; visible: (user: TSessionUser | null) => boolean }[] = [
  { href: '/', label: 'nav.home', visible: () => true },
  { href: '/izin', label: 'applicant.nav.catalogue', visible: (user) => !user || user.roles.includes('applicant') },
  { href: '/permohonan', label: 'applicant.nav.mine', visible: (user) => Boolean(user?.roles.includes('applicant')) },
  { href: '/verifikasi', label: 'nav.verify', visible: () => true },
  { href: '/register-kontrak', label: 'public.nav.register', visible: () => true },
  { href: '/tugas', label: 'tasks.nav', visible: (user) => Boolean(user?.roles.some((r) => r !== 'applicant' && r !== 'admin')) },
  { href: '/dasbor', label: 'admin.nav.dashboard', visible: (user) => Boolean(user?.roles.includes('admin')) },
];

export const navFor = (user: TSessionUser | null, t: TTranslate): TNavLink[] =>
  LINKS.filter((link) => link.visible(user)).map((link) => ({ href: link.href, label: t(link.label) }));
