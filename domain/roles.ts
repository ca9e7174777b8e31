import type { TRole } from './case-type.schema';

export interface TActor {
  userId: string;
  roles: TRole[];
}

/** Officials of the regency; applicants and vendors are outside parties who see only their own cases. */
export const isStaff = (actor: TActor): boolean => actor.roles.some((r) => r === 'admin' || /^(reviewer|approver|ppk|legal):/.test(r));
export const isAdmin = (actor: TActor): boolean => actor.roles.includes('admin');
export const holdsRole = (actor: TActor, role: string): boolean => actor.roles.includes(role);
export const holdsAnyRole = (actor: TActor, roles: readonly string[]): boolean => roles.some((r) => holdsRole(actor, r));
