import t from 'tap';
import { SignJWT } from 'jose';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { openEventStore } from '@shouwang/event-store';
import { buildApp } from '../src/app.js';
import { commandRoutes } from '../src/commands/routes/index.js';
import { bearer, commander, jwt, ok, post, seedDistrict, startApi } from './helpers.js';

t.test('health, readiness, metrics, OpenAPI and the docs page', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  const { app } = api;
  t.equal((await app.inject('/healthz')).statusCode, 200);
  t.equal((await app.inject('/readyz')).json().status, 'ready');
  await seedDistrict(app, 'haidian');
  const metrics = (await app.inject('/metrics')).body;
  t.match(metrics, /shouwang_http_requests_total\{method="POST",route="\/v1\/districts\/:districtId\/center",status="201"\} 1/);
  t.match(metrics, /shouwang_commands_total\{type="RegisterStation",outcome="applied"\} 1/);
  t.match(metrics, /shouwang_http_request_duration_seconds_bucket/);
  t.match(metrics, /shouwang_command_append_duration_seconds_count\{category="org"\} 3/);
  const openapi = (await app.inject('/openapi.json')).json();
  t.match(openapi.openapi, /^3\./);
  for (const route of commandRoutes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    t.ok(openapi.paths[path]?.post?.requestBody, `OpenAPI documents ${route.commandType} at ${path}`);
  }
  t.ok(openapi.paths['/v1/volunteers/{volunteerId}/history']?.get, 'reads are documented');
  const docs = await app.inject('/docs/');
  t.equal(docs.statusCode, 200);
  t.match(docs.headers['content-type'], /text\/html/);
});

t.test('readiness fails when the store does not answer', async (t) => {
  const api = await startApi();
  await api.embedded.stop();
  const r = await api.app.inject('/readyz');
  t.equal(r.statusCode, 503);
  t.equal(r.json().code, 'SW_ERR_STORE_UNAVAILABLE');
  await api.app.close();
});

t.test('tokens: signature, algorithm, issuer, audience and expiry are checked', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  const key = new TextEncoder().encode(jwt.secret);
  const claims = { role: 'commander', districtId: 'city' };
  const sign = (alg: string, edit: (j: SignJWT) => SignJWT, secret = key) =>
    edit(new SignJWT(claims).setProtectedHeader({ alg }).setSubject('c').setIssuedAt()).sign(secret);
  const good = (j: SignJWT) => j.setIssuer(jwt.issuer).setAudience(jwt.audience).setExpirationTime('1h');
  const bad = {
    none: undefined,
    garbage: 'not.a.token',
    expired: await sign('HS256', (j) => j.setIssuer(jwt.issuer).setAudience(jwt.audience).setExpirationTime(Math.floor(Date.now() / 1000) - 60)),
    'no expiry': await sign('HS256', (j) => j.setIssuer(jwt.issuer).setAudience(jwt.audience)),
    'wrong issuer': await sign('HS256', (j) => j.setIssuer('elsewhere').setAudience(jwt.audience).setExpirationTime('1h')),
    'wrong audience': await sign('HS256', (j) => j.setIssuer(jwt.issuer).setAudience('other').setExpirationTime('1h')),
    'HS512 (not pinned)': await sign('HS512', good),
    'wrong secret': await sign('HS256', good, new TextEncoder().encode('another-secret-another-secret-xx')),
  };
  for (const [name, token] of Object.entries(bad)) {
    const r = await api.app.inject({ method: 'GET', url: '/v1/modes/city', headers: token ? { authorization: `Bearer ${token}` } : {} });
    t.equal(r.statusCode, 401, name);
    t.equal(r.json().code, 'SW_ERR_UNAUTHENTICATED', name);
  }
  const fine = await api.app.inject({ method: 'GET', url: '/v1/modes/city', headers: { authorization: `Bearer ${await sign('HS256', good)}` } });
  t.equal(fine.statusCode, 200, 'a good token passes');
  t.equal(fine.json().state.mode, 'normal', 'a scope never switched is in 平');
});

t.test('rate limit per token subject, body limit, media type', async (t) => {
  const api = await startApi({ rateLimit: { max: 5, windowMs: 60_000 }, bodyLimitBytes: 2048 });
  t.teardown(() => api.close());
  const { app } = api;
  const a = await bearer({ sub: 'a', role: 'auditor', districtId: 'city' });
  const b = await bearer({ sub: 'b', role: 'auditor', districtId: 'city' });
  const codes: number[] = [];
  for (let i = 0; i < 7; i++) codes.push((await app.inject({ method: 'GET', url: '/v1/modes/city', headers: a })).statusCode);
  t.same(codes.slice(5), [429, 429], 'the sixth request of a subject in the window is refused');
  const limited = await app.inject({ method: 'GET', url: '/v1/modes/city', headers: a });
  t.equal(limited.json().code, 'SW_ERR_RATE_LIMITED');
  t.equal((await app.inject({ method: 'GET', url: '/v1/modes/city', headers: b })).statusCode, 200, 'another subject is not limited');

  // Refused tokens count against the client address: guessing ends in 429, valid callers go on.
  const guesses: number[] = [];
  for (let i = 0; i < 7; i++) {
    const r = await app.inject({ method: 'GET', url: '/v1/modes/city', headers: { authorization: `Bearer x.y.guess${i}` } });
    guesses.push(r.statusCode);
  }
  t.same(guesses, [401, 401, 401, 401, 401, 429, 429], 'the sixth refused token from one address in the window gets 429');
  const noToken = await app.inject({ method: 'GET', url: '/v1/modes/city' });
  t.equal(noToken.statusCode, 429, 'no token at all counts too');
  t.equal(noToken.json().code, 'SW_ERR_RATE_LIMITED');
  const c = await bearer({ sub: 'c', role: 'auditor', districtId: 'city' });
  t.equal((await app.inject({ method: 'GET', url: '/v1/modes/city', headers: c })).statusCode, 200, 'a valid token from the same address still passes');
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'health checks need no token and are not limited');

  const big = await post(app, '/v1/districts/haidian/center', commander(), { centerName: 'x'.repeat(4000) });
  t.equal(big.statusCode, 413);
  t.equal(big.json().code, 'SW_ERR_BODY_TOO_LARGE');
  const xml = await app.inject({ method: 'POST', url: '/v1/districts/haidian/center', headers: { ...(await bearer(commander())), 'content-type': 'application/xml' }, payload: '<a/>' });
  t.equal(xml.statusCode, 415);
  t.equal(xml.json().code, 'SW_ERR_UNSUPPORTED_MEDIA_TYPE');
  const invalid = await post(app, '/v1/districts/haidian/institutes', commander(), { instituteId: 'bad id!', extra: 1 });
  t.equal(invalid.statusCode, 400);
  t.same(invalid.json().errors.map((e: { field: string }) => e.field).sort(), ['body.extra', 'body.instituteId', 'body.instituteName']);
  await ok(app, '/v1/districts/haidian/center', commander(), { centerName: 'ok' });
});

t.test('behind a trusted proxy, refused tokens are counted per client it names, not per proxy', async (t) => {
  const guessFrom = (app: Awaited<ReturnType<typeof startApi>>['app'], client: string) =>
    app.inject({ method: 'GET', url: '/v1/modes/city', remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': client } });
  const codes = async (trustProxy: number | undefined) => {
    const api = await startApi({ rateLimit: { max: 3, windowMs: 60_000 }, ...(trustProxy === undefined ? {} : { trustProxy }) });
    t.teardown(() => api.close());
    const first = [];
    for (let i = 0; i < 4; i++) first.push((await guessFrom(api.app, '203.0.113.7')).statusCode);
    return { first, other: (await guessFrom(api.app, '198.51.100.9')).statusCode };
  };
  const trusted = await codes(1);
  t.same(trusted.first, [401, 401, 401, 429], 'one client over the limit');
  t.equal(trusted.other, 401, 'another client behind the same proxy is not limited');
  const untrusted = await codes(undefined);
  t.same(untrusted.first, [401, 401, 401, 429]);
  t.equal(untrusted.other, 429, 'without TRUST_PROXY every client is the proxy: one bucket');
});

t.test('a request the store cannot answer in time gets 503 SW_ERR_TIMEOUT', async (t) => {
  // A loopback peer that accepts connections and never answers: the store "hangs".
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as AddressInfo).port;
  const store = await openEventStore({ connectionString: `esdb://127.0.0.1:${port}?tls=false` });
  const app = await buildApp({ store, jwt, logLevel: 'silent', requestTimeoutMs: 300 });
  t.teardown(async () => {
    await app.close();
    for (const s of sockets) s.destroy();
    silent.close();
    void store.close();
  });
  const r = await app.inject({ method: 'GET', url: '/v1/posts/p1', headers: await bearer(commander()) });
  t.equal(r.statusCode, 503);
  t.equal(r.json().code, 'SW_ERR_TIMEOUT');
});
