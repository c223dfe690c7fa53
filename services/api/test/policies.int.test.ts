import t from 'tap';
import { buildApp } from '../src/app.js';
import { policyFor } from '../src/auth/policies.js';
import { bearer, commander, jwt, startApi } from './helpers.js';

t.test('every registered route has an access policy', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  const routes = api.app.shouwangRoutes;
  t.ok(routes.length > 60, `${routes.length} routes registered`);
  const missing = routes.filter((r) => !policyFor(r.method, r.url)).map((r) => `${r.method} ${r.url}`);
  t.same(missing, [], 'no route without a policy');
});

t.test('a route without a policy refuses, even to a commander (default deny)', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  const app = await buildApp({ store: api.store, jwt, logLevel: 'silent' });
  app.get('/v1/unlisted', async () => ({ secret: true }));
  t.teardown(() => app.close());
  const r = await app.inject({ method: 'GET', url: '/v1/unlisted', headers: await bearer(commander()) });
  t.equal(r.statusCode, 403);
  t.equal(r.json().code, 'SW_ERR_FORBIDDEN');
  t.notMatch(r.body, /secret/);
});

t.test('public routes answer without a token', async (t) => {
  const api = await startApi();
  t.teardown(() => api.close());
  for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs/']) {
    t.equal((await api.app.inject(url)).statusCode, 200, url);
  }
});
