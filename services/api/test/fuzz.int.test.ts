import t from 'tap';
import fc from 'fast-check';
import { commandRoutes } from '../src/commands/routes/index.js';
import { policyFor } from '../src/auth/policies.js';
import { bearer, commander, countAll, seedDistrict, startApi, volunteerClaims } from './helpers.js';

// 10,000 generated malformed requests across every command route, each from a role the route
// admits: none may produce a server error, none may append an event, and no answer may echo a
// value the caller sent (personal data never comes back in an error).
const RUNS = 10_000;
const PII = 'PII7731';

const fill = (url: string) => url.replace(':volunteerId', 'fz-v').replace(':dispatchId', 'fz-d').replace(':postId', 'fz-p').replace(':requestId', 'fz-r').replace(':donationId', 'fz-g').replace(':districtId', 'fz-d').replace(':scope', 'fz-d');

const secret = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `${PII}${s}`);
const notAnObject = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), secret, fc.array(fc.anything(), { maxLength: 4 }));
// An object always carrying a field no schema knows, so it can never be valid by chance.
const strayObject = fc
  .record({
    base: fc.dictionary(fc.string({ maxLength: 10 }).filter((k) => !k.includes(PII)), fc.oneof(secret, fc.integer(), fc.anything()), { maxKeys: 6 }),
    stray: secret,
    name: secret,
    phone: secret,
  })
  .map(({ base, stray, name, phone }) => ({ ...base, name, phone, zzUnknownField: stray }));
const rawText = fc
  .oneof(fc.string({ maxLength: 40 }), fc.constantFrom('{', '{"a":', '[1,', '{"name":"' + PII + 'x"', 'null', '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}'))
  .filter((s) => {
    try {
      const v: unknown = JSON.parse(s);
      return typeof v !== 'object' || v === null || Array.isArray(v) || Object.keys(v).length > 0;
    } catch {
      return true;
    }
  });
const badId = fc.string({ minLength: 1, maxLength: 70 }).filter((s) => !/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(s));

type Body = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string };
const body: fc.Arbitrary<Body> = fc.oneof(
  notAnObject.map((value) => ({ kind: 'json' as const, value })),
  strayObject.map((value) => ({ kind: 'json' as const, value })),
  rawText.map((text) => ({ kind: 'raw' as const, text, contentType: 'application/json' })),
  fc.record({ text: fc.string({ maxLength: 20 }), contentType: fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data') }).map((r) => ({ kind: 'raw' as const, ...r })),
);

t.test('malformed bodies never yield a server error nor an event', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  const { app, store } = api;
  await seedDistrict(app, 'fz-d');
  const headersByRoute = new Map<string, Record<string, string>>();
  for (const route of commandRoutes) {
    const policy = policyFor('POST', route.url);
    const roles = policy && 'roles' in policy ? policy.roles : {};
    const claims = roles.commander ? commander() : volunteerClaims('fz-d', 'fz-v');
    headersByRoute.set(route.url, await bearer(claims));
  }
  const before = await countAll(store);
  const statuses = new Map<number, number>();
  let echoed = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: commandRoutes.length - 1 }), body, fc.option(badId, { freq: 5 }), async (i, b, id) => {
      const route = commandRoutes[i]!;
      let url = fill(route.url);
      if (id !== null && route.url.includes(':')) url = url.replace(/fz-[a-z]/, encodeURIComponent(id));
      const headers = { ...headersByRoute.get(route.url)! };
      const r =
        b.kind === 'json'
          ? await app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(b.value) })
          : await app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': b.contentType }, payload: b.text });
      statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
      if (r.body.includes(PII)) echoed++;
      return r.statusCode >= 400 && r.statusCode < 500 && typeof r.json().code === 'string';
    }),
    { numRuns: RUNS },
  );
  t.equal(await countAll(store), before, 'no event appended');
  t.equal(echoed, 0, 'no answer echoes a value sent');
  t.notOk([...statuses.keys()].some((s) => s >= 500), `no server errors: ${JSON.stringify([...statuses])}`);
});
