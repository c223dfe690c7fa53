import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../http/httpErrors.js';
import { reaches, type Access, type Target } from './access.js';
import { policyFor } from './policies.js';
import type { Claims } from '@shouwang/auth';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified token's claims; undefined on public routes. */
    claims?: Claims;
    /** How far the caller's role reaches on this route. */
    access?: Access;
    /** Whether the route writes (auditors never reach those). */
    writes?: boolean;
  }
}

const bearer = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/** Counts a refused authentication against the caller's address; true when it is over its limit. */
export type FailureLimit = (request: FastifyRequest) => Promise<boolean>;

/**
 * Authenticates every request against the route's policy (default deny): no policy → 403,
 * public → pass, otherwise a valid token whose role the policy lists. Requests without a valid
 * token are limited per client address (`overLimit`), so guessing tokens ends in 429.
 */
export function registerAuthentication(
  app: FastifyInstance,
  verify: (token: string) => Promise<Claims | undefined>,
  overLimit: FailureLimit,
): void {
  app.decorateRequest('claims', undefined);
  app.decorateRequest('access', undefined);
  app.decorateRequest('writes', undefined);
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    if (url === undefined) return; // 404 handler
    const policy = policyFor(request.method, url);
    if (!policy) throw new HttpError('SW_ERR_FORBIDDEN', 'this route has no access policy');
    if ('public' in policy) return;
    const match = bearer.exec(request.headers.authorization ?? '');
    const claims = match ? await verify(match[1]!) : undefined;
    if (!claims) {
      if (await overLimit(request)) throw new HttpError('SW_ERR_RATE_LIMITED');
      throw new HttpError('SW_ERR_UNAUTHENTICATED', 'a valid bearer token is required');
    }
    const access = policy.roles[claims.role];
    if (!access) throw new HttpError('SW_ERR_FORBIDDEN', `role ${claims.role} may not use this route`);
    request.claims = claims;
    request.access = access;
    request.writes = policy.write;
  });
}

/** Refuses (403) unless the caller reaches the aggregate as stored. */
export function authorizeTarget(request: FastifyRequest, target: Target): void {
  const { claims, access } = request;
  if (!claims || !access) throw new HttpError('SW_ERR_FORBIDDEN', 'no access policy applies');
  if (!reaches(claims, access, target, request.writes ?? true)) {
    throw new HttpError('SW_ERR_FORBIDDEN', 'outside the caller\'s district or not their own');
  }
}
