import t from 'tap';
import { SignJWT } from 'jose';
import { mayScope, signToken, tokenVerifier, type Claims } from '../src/index.js';

const settings = { secret: 'a-test-secret-of-at-least-32-characters!', issuer: 'shouwang', audience: 'shouwang-api' };
const dispatcher: Claims = { sub: 'op-1', role: 'dispatcher', districtId: 'haidian' };

t.test('a token signed by the API verifies to its claims', async (t) => {
  const verify = tokenVerifier(settings);
  t.same(await verify(await signToken(settings, dispatcher)), dispatcher);
});

t.test('wrong secret, issuer, audience or algorithm, or an expired token: no claims', async (t) => {
  const verify = tokenVerifier(settings);
  t.equal(await verify(await signToken({ ...settings, secret: 'another-secret-of-at-least-32-characters' }, dispatcher)), undefined);
  t.equal(await verify(await signToken({ ...settings, issuer: 'elsewhere' }, dispatcher)), undefined);
  t.equal(await verify(await signToken({ ...settings, audience: 'elsewhere' }, dispatcher)), undefined);
  t.equal(await verify(await signToken(settings, dispatcher, '-1s')), undefined);
  const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...dispatcher, iss: 'shouwang', aud: 'shouwang-api', exp: 9e9 })).toString('base64url')}.`;
  t.equal(await verify(unsigned), undefined, 'alg none is refused');
  t.equal(await verify('not a token'), undefined);
});

t.test('claims must be complete: a role, a district, and for a volunteer the volunteer id', async (t) => {
  const verify = tokenVerifier(settings);
  const key = new TextEncoder().encode(settings.secret);
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(settings.issuer).setAudience(settings.audience).setExpirationTime('1h').sign(key);
  t.equal(await verify(await sign({ role: 'volunteer', districtId: 'haidian' })), undefined);
  t.equal(await verify(await sign({ role: 'overlord', districtId: 'haidian' })), undefined);
  t.equal(await verify(await sign({ role: 'auditor' })), undefined);
  t.same(await verify(await sign({ role: 'volunteer', districtId: 'haidian', volunteerId: 'v-1' })), { sub: 'x', role: 'volunteer', districtId: 'haidian', volunteerId: 'v-1' });
});

t.test('scope: a city token covers every district, a district token its own', async (t) => {
  t.ok(mayScope({ ...dispatcher, districtId: 'city' }, 'haidian'));
  t.ok(mayScope(dispatcher, 'haidian'));
  t.notOk(mayScope(dispatcher, 'daxing'));
});
