import { startEmbeddedStore, type EmbeddedStoreHandle } from '@shouwang/testing';
import type { FastifyInstance } from 'fastify';
import type { EventStore } from '@shouwang/event-store';
import { buildApp, type AppDeps } from '../src/app.js';
import { signToken } from '@shouwang/auth';
import type { Claims } from '@shouwang/auth';

export const jwt = { secret: 'test-secret-that-is-long-enough-0123456789', issuer: 'shouwang', audience: 'shouwang-api' };

/** A clock the test moves. */
export function testClock(startIso = '2026-05-01T08:00:00.000Z') {
  let now = Date.parse(startIso);
  return {
    clock: () => new Date(now),
    set: (iso: string) => (now = Date.parse(iso)),
    advance: (ms: number) => (now += ms),
  };
}

export interface TestApi {
  app: FastifyInstance;
  store: EventStore;
  embedded: EmbeddedStoreHandle;
  close(): Promise<void>;
}

/** The API over the embedded store (real client, real gRPC), injected through fastify. */
export async function startApi(deps: Partial<AppDeps> = {}, embedded?: EmbeddedStoreHandle): Promise<TestApi> {
  const handle = embedded ?? (await startEmbeddedStore());
  const app = await buildApp({ store: handle.store, jwt, logLevel: 'silent', rateLimit: { max: 1_000_000, windowMs: 60_000 }, ...deps });
  await app.ready();
  return {
    app,
    store: handle.store,
    embedded: handle,
    close: async () => {
      await app.close();
      if (!embedded) await handle.stop();
    },
  };
}

export const token = (claims: Claims, expiresIn = '1h') => signToken(jwt, claims, expiresIn);

export async function bearer(claims: Claims): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await token(claims)}` };
}

export const commander = (districtId = 'city'): Claims => ({ sub: `commander-${districtId}`, role: 'commander', districtId });
export const dispatcher = (districtId: string): Claims => ({ sub: `dispatcher-${districtId}`, role: 'dispatcher', districtId });
export const volunteerClaims = (districtId: string, volunteerId: string): Claims => ({ sub: `u-${volunteerId}`, role: 'volunteer', districtId, volunteerId });
export const desk = (districtId: string): Claims => ({ sub: `desk-${districtId}`, role: 'donations_desk', districtId });
export const auditor = (districtId = 'city'): Claims => ({ sub: `auditor-${districtId}`, role: 'auditor', districtId });

/** Counts the events in $all (the store's own system streams left out). */
export async function countAll(store: EventStore): Promise<number> {
  let n = 0;
  for await (const _e of store.readAll()) n++;
  return n;
}

export const shift = (shiftId: string, start: string, end: string) => ({ shiftId, start, end });
export const staffing = (combat: number) => ({ normal: combat, combat, emergency: combat, extreme: combat });

/** A district with a center, an institute and a station (id `<d>-s1`). */
export async function seedDistrict(app: FastifyInstance, districtId: string): Promise<void> {
  const headers = await bearer(commander());
  for (const [url, payload] of [
    [`/v1/districts/${districtId}/center`, { centerName: `${districtId} center` }],
    [`/v1/districts/${districtId}/institutes`, { instituteId: `${districtId}-i1`, instituteName: 'institute 1' }],
    [`/v1/districts/${districtId}/stations`, { instituteId: `${districtId}-i1`, stationId: `${districtId}-s1`, stationName: 'station 1' }],
  ] as const) {
    const r = await app.inject({ method: 'POST', url, headers, payload });
    if (r.statusCode >= 300) throw new Error(`seed ${url}: ${r.statusCode} ${r.body}`);
  }
}

export async function post(app: FastifyInstance, url: string, claims: Claims, payload: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url, headers: { ...(await bearer(claims)), ...headers }, payload: payload as object });
}

export async function ok(app: FastifyInstance, url: string, claims: Claims, payload: unknown) {
  const r = await post(app, url, claims, payload);
  if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  return r.json() as { commandId: string; events: { id: string; type: string; stream: string; revision: string }[] };
}

/**
 * The scene most command tests start from, at 07:00 on 2026-05-01: district `haidian` seeded,
 * publicity posts (one shift `am`, 09:00–11:00) and signed-up volunteers. Closed when `t` ends.
 */
export async function startPostScene(
  t: { teardown(fn: () => unknown): void },
  opts: { posts?: string[]; staffing: ReturnType<typeof staffing>; volunteers: string[] },
) {
  const time = testClock('2026-05-01T07:00:00.000Z');
  const api = await startApi({ clock: time.clock });
  t.teardown(() => api.close());
  const d = 'haidian';
  await seedDistrict(api.app, d);
  for (const postId of opts.posts ?? ['p']) {
    await ok(api.app, '/v1/posts', commander(), {
      postId, districtId: d, stationId: `${d}-s1`, pointName: 'x', kind: 'publicity',
      shifts: [shift('am', '2026-05-01T09:00:00.000Z', '2026-05-01T11:00:00.000Z')], staffing: opts.staffing,
    });
  }
  for (const v of opts.volunteers) await ok(api.app, '/v1/volunteers', commander(), { volunteerId: v, districtId: d, homeStationId: `${d}-s1`, name: 'N', phone: '+86 13800000000' });
  return { ...api, time, d };
}
