import { SignJWT, jwtVerify } from 'jose';
import { Claims } from './roles.js';

/** How tokens are signed and checked: HS256 only, with issuer, audience and expiry. */
export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
}

const ALGORITHM = 'HS256';

const key = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** Signs a token for the claims; `expiresIn` in jose's notation ('12h', '15m'). */
export async function signToken(settings: TokenSettings, claims: Claims, expiresIn = '12h'): Promise<string> {
  const { sub, ...rest } = Claims.parse(claims);
  return new SignJWT(rest)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(settings.secret));
}

/** Builds a verifier that returns the claims, or undefined for any bad token (reason never leaks to the caller). */
export function tokenVerifier(settings: TokenSettings): (token: string) => Promise<Claims | undefined> {
  const secret = key(settings.secret);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, secret, {
        algorithms: [ALGORITHM],
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ['exp', 'sub'],
      });
      const claims = Claims.safeParse(payload);
      if (!claims.success) return undefined;
      if (claims.data.role === 'volunteer' && !claims.data.volunteerId) return undefined;
      return claims.data;
    } catch {
      return undefined;
    }
  };
}
