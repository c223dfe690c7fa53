import t from 'tap';
import { DEVELOPMENT_JWT_SECRET } from '@shouwang/auth';
import { loadConfig } from '../src/config.js';

t.test('defaults on the embedded development setup', async (t) => {
  const c = loadConfig({});
  t.equal(c.PORT, 3000);
  t.equal(c.DATA_DIR, './.data');
  t.equal(c.ESDB_CONNECTION_STRING, undefined);
  t.equal(c.JWT_SECRET, DEVELOPMENT_JWT_SECRET);
  t.equal(c.DEMO, false);
  t.equal(loadConfig({ DEMO: '1' }).DEMO, true);
});

t.test('production refuses the development secret and short secrets, naming the variable, never the value', async (t) => {
  t.throws(() => loadConfig({ NODE_ENV: 'production' }), /JWT_SECRET: the development secret is refused/);
  const short = 'short-secret-123';
  const err = t.throws(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: short })) as Error;
  t.match(err.message, /JWT_SECRET: must be at least 32/);
  t.notMatch(err.message, new RegExp(short));
  t.equal(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) }).NODE_ENV, 'production');
});

t.test('bad values are named', async (t) => {
  t.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
  t.throws(() => loadConfig({ ESDB_CONNECTION_STRING: 'http://x' }), /ESDB_CONNECTION_STRING/);
});

t.test('TRUST_PROXY: off by default, a flag, a hop count or proxy addresses', async (t) => {
  t.equal(loadConfig({}).TRUST_PROXY, false);
  t.equal(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY, true);
  t.equal(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY, 1);
  t.same(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).TRUST_PROXY, ['10.0.0.0/8', '127.0.0.1']);
  t.throws(() => loadConfig({ TRUST_PROXY: 'yes please' }), /TRUST_PROXY/);
});
