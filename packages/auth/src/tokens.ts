import { SignJWT, jwtVerify } from 'jose';
import { Claims } from './roles.js';

/** How tokens are signed and checked: HS256 only, with issuer, audience and expiry. */
export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
}

/**
 * The signing key of a development machine: the API and the projector both default to it, so
 * tokens from `pnpm --filter @shouwang/api tokens` work everywhere; production refuses it.
 */
export const DEVELOPMENT_JWT_SECRET = 'shouwang-development-secret-do-not-use-in-production';

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

const CACHE_SIZE = 10_000;

/**
 * Builds a verifier that returns the claims, or undefined for any bad token (reason never leaks
 * to the caller). A token verified once is remembered until its expiry (HMAC verification is the
 * costliest step of a small request); the cache is bounded, oldest entries go first.
 */
export function tokenVerifier(settings: TokenSettings): (token: string) => Promise<Claims | undefined> {
  const secret = key(settings.secret);
  const verified = new Map<string, { claims: Claims; expiresAt: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAt) return known.claims;
      verified.delete(token);
    }
    const claims = await verifyOnce(token);
    if (claims) {
      if (verified.size >= CACHE_SIZE) verified.delete(verified.keys().next().value!);
      verified.set(token, claims);
      return claims.claims;
    }
    return undefined;
  };

  async function verifyOnce(token: string): Promise<{ claims: Claims; expiresAt: number } | undefined> {
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
      return { claims: claims.data, expiresAt: (payload.exp ?? 0) * 1000 };
    } catch {
      return undefined;
    }
  }
}
