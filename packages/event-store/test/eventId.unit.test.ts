import t from 'tap';
import { eventIdFor, uuidV5 } from '../src/index.js';

t.test('uuidV5 matches the RFC test vector', async (t) => {
  // RFC 9562 / Python uuid.uuid5(NAMESPACE_DNS, 'www.example.com')
  t.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
});

t.test('eventIdFor is deterministic per command and index', async (t) => {
  const a = eventIdFor('cmd-1', 0);
  t.equal(eventIdFor('cmd-1', 0), a, 'same command, same index, same id');
  t.not(eventIdFor('cmd-1', 1), a, 'another index');
  t.not(eventIdFor('cmd-2', 0), a, 'another command');
  t.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a version 5 UUID');
});

t.test('eventIdFor refuses a bad index', async (t) => {
  t.throws(() => eventIdFor('cmd', -1), RangeError);
  t.throws(() => eventIdFor('cmd', 1.5), RangeError);
});
