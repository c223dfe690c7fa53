import { tokenVerifier as verifierOf, type Claims, type TokenSettings } from '@shouwang/auth';

export { Claims, mayScope, type TokenSettings } from '@shouwang/auth';

export class AuthError extends Error {
  readonly code = 'SW_ERR_UNAUTHENTICATED';
  readonly status = 401;
}

/** The API's token check (`@shouwang/auth`), answering a bad token with one AuthError that names no reason. */
export function tokenVerifier(settings: TokenSettings): (token: string) => Promise<Claims> {
  const verify = verifierOf(settings);
  return async (token) => {
    const claims = await verify(token);
    if (!claims) throw new AuthError('invalid or expired token');
    return claims;
  };
}
