import type { TRole } from './case-type.schema';

export interface TActor {
  userId: string;
  roles: TRole[];
}

export const isAdmin = (actor: TActor): boolean => actor.roles.includes('admin');
/** The Inspektorat: reads every case, its history, documents and signatures; never acts on one. */
export const isAuditor = (actor: TActor): boolean => actor.roles.includes('auditor');
export const holdsRole = (actor: TActor, role: string): boolean => actor.roles.includes(role);
export const holdsAnyRole = (actor: TActor, roles: readonly string[]): boolean => roles.some((r) => holdsRole(actor, r));
