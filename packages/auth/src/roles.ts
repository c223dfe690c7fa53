import { z } from 'zod';

/** Who uses Shouwang: command center 指挥部, station dispatcher, volunteer, donations desk, auditor. */
export const roles = ['commander', 'dispatcher', 'volunteer', 'donations_desk', 'auditor'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** The claims of a Shouwang bearer token, as the API signs them and every service checks them. */
export const Claims = z.object({
  sub: z.string().min(1).max(128),
  role: Role,
  /** A district id, or `city` for a city-wide scope. */
  districtId: z.string().min(1).max(64),
  /** Set for volunteers: the volunteer they are. */
  volunteerId: z.string().min(1).max(64).optional(),
});
export type Claims = z.infer<typeof Claims>;

/** Whether the token may see or act on facts of `districtId` (`city` scope covers every district). */
export function mayScope(claims: Claims, districtId: string): boolean {
  return claims.districtId === 'city' || claims.districtId === districtId;
}
