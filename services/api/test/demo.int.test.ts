import t from 'tap';
import { startEmbeddedStore, tempDir } from '@shouwang/testing';
import { loadDemoCity } from '../src/demo/load.js';
import { countAll } from './helpers.js';

// The demo city at 1% of its size, the same shape: loading twice adds nothing, and it survives a restart.
t.test('the demo city loads once, idempotently, and survives a restart', async (t) => {
  const dataDir = tempDir('shouwang-demo-');
  const first = await startEmbeddedStore({ dataDir });
  const now = new Date('2026-05-01T00:00:00.000Z');
  const loaded = await loadDemoCity(first.store, { scale: 0.01, now });
  t.equal(loaded.alreadyLoaded, false);
  const count = await countAll(first.store);
  t.equal(count, loaded.events, 'every event generated is in $all');
  t.ok(loaded.streams > 200, `${loaded.streams} streams`);

  const again = await loadDemoCity(first.store, { scale: 0.01, now });
  t.equal(again.alreadyLoaded, true);
  t.equal(await countAll(first.store), count, 'loading twice adds nothing');
  await first.stop();

  const second = await startEmbeddedStore({ dataDir });
  t.teardown(() => second.stop());
  t.equal(await countAll(second.store), count, 'the city is still there after a restart');
  const haidianMode = await second.store.readStream('mode-haidian');
  t.equal((haidianMode[0]?.data as { to?: string }).to, 'combat', 'Haidian is in 战');
  const org = await second.store.readStream('org-haidian');
  t.equal(org.filter((e) => e.type === 'InstituteRegistered').length, Math.round(29 * 0.01) || 1);
  const volunteer = await second.store.readStream('volunteer-haidian-v00001');
  t.same(volunteer.map((e) => e.type).slice(0, 3), ['VolunteerSignedUp', 'VolunteerTrained', 'VolunteerJoinedTeam']);
  t.equal(volunteer[0]?.metadata.schemaVersion, 2, 'written with the current schema version');
});
