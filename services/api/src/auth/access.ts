import type { Claims, Role } from '@shouwang/auth';

/**
 * How far a role reaches on a route:
 * - `district`: aggregates of the token's district (a `city` token reaches every district);
 *   for reads, city-wide facts (district `city`) too.
 * - `self`: only the volunteer the token belongs to.
 */
export type Access = 'district' | 'self';

/** A route's policy: public, or the roles allowed and how far each reaches. A role not listed is refused. */
export type Policy = { public: true } | { roles: Partial<Record<Role, Access>>; write: boolean };

/** What a command or read touches, as stored (never as the request body claims it). */
export interface Target {
  /** District of the aggregate: a district id or `city`. */
  districtId: string;
  /** The volunteer the aggregate is about, for `self` access. */
  volunteerId?: string;
}

/** Whether the claims may act on the target with this access. */
export function reaches(claims: Claims, access: Access, target: Target, write: boolean): boolean {
  if (access === 'self') return claims.volunteerId !== undefined && claims.volunteerId === target.volunteerId;
  if (claims.districtId === 'city') return true;
  if (target.districtId === claims.districtId) return true;
  return !write && target.districtId === 'city';
}
