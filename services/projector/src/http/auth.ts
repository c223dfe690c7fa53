import { jwtVerify } from 'jose';
import { z } from 'zod';

/** Roles the API issues tokens for. */
export const roles = ['commander', 'dispatcher', 'volunteer', 'donations_desk', 'auditor'] as const;

/** The claims Shouwang's tokens carry (same as the API's): role, district scope and subject. */
export const Claims = z.object({
  sub: z.string().min(1),
  role: z.enum(roles),
  /** A district id, or `city` for city-wide scope. */
  districtId: z.string().min(1),
});
export type Claims = z.infer<typeof Claims>;

export class AuthError extends Error {
  readonly code = 'SW_ERR_UNAUTHENTICATED';
  readonly status = 401;
}

/** Verifies an HS256 bearer token signed with JWT_SECRET and returns its claims. */
export async function verifyToken(token: string, secret: Uint8Array): Promise<Claims> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] }));
  } catch {
    throw new AuthError('invalid or expired token');
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success) throw new AuthError('token lacks a valid role, districtId or sub claim');
  return claims.data;
}

/** Whether the token may see facts of `districtId` (`city` scope sees every district). */
export function mayScope(claims: Claims, districtId: string): boolean {
  return claims.districtId === 'city' || claims.districtId === districtId;
}
