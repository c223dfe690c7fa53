import { jwtVerify } from 'jose';
import { z } from 'zod';

/** Roles the API issues tokens for. */
export const roles = ['commander', 'dispatcher', 'volunteer', 'donations_desk', 'auditor'] as const;

/** The claims of Shouwang's tokens, exactly as the API signs them (services/api/src/auth/roles.ts). */
export const Claims = z.object({
  sub: z.string().min(1).max(128),
  role: z.enum(roles),
  /** A district id, or `city` for city-wide scope. */
  districtId: z.string().min(1).max(64),
  /** Set for volunteers: the volunteer they are. */
  volunteerId: z.string().min(1).max(64).optional(),
});
export type Claims = z.infer<typeof Claims>;

/** How tokens are checked: the API's HS256 secret, issuer and audience. */
export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
}

export class AuthError extends Error {
  readonly code = 'SW_ERR_UNAUTHENTICATED';
  readonly status = 401;
}

/** Builds a verifier for bearer tokens; any bad token gives one AuthError without the reason. */
export function tokenVerifier(settings: TokenSettings): (token: string) => Promise<Claims> {
  const secret = new TextEncoder().encode(settings.secret);
  return async (token) => {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, secret, {
        algorithms: ['HS256'],
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch {
      throw new AuthError('invalid or expired token');
    }
    const claims = Claims.safeParse(payload);
    if (!claims.success) throw new AuthError('token lacks a valid role, districtId or sub claim');
    if (claims.data.role === 'volunteer' && !claims.data.volunteerId) throw new AuthError('volunteer token without volunteerId');
    return claims.data;
  };
}

/** Whether the token may see facts of `districtId` (`city` scope sees every district). */
export function mayScope(claims: Claims, districtId: string): boolean {
  return claims.districtId === 'city' || claims.districtId === districtId;
}
