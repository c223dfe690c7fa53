import t from 'tap';
import { eventResponse } from '../src/grpc/convert.js';
import { encodeEventResponse } from '../src/grpc/eventEncoding.js';
import type { StoredRecord } from '../src/store/record.js';

const record = (over: Partial<StoredRecord>): StoredRecord => ({
  position: 16,
  stream: 'volunteer-1',
  revision: 0,
  id: '5f0c3e0e-8a49-4d1c-9d0b-3f3f1f2a9b10',
  type: 'VolunteerSignedUp',
  isJson: true,
  created: '17000000000000000',
  data: Buffer.from('{"a":1}'),
  metadata: Buffer.from('{"m":2}'),
  ...over,
});

t.test('the hand encoding equals google-protobuf byte for byte', async (t) => {
  const cases: StoredRecord[] = [
    record({}),
    record({ stream: '志愿者-站点-1', type: '类型', revision: 300, position: 2 ** 40 + 17 }),
    record({ isJson: false, data: Buffer.from([0, 1, 2, 255]), metadata: Buffer.alloc(0) }),
    record({ data: Buffer.alloc(0), metadata: Buffer.alloc(0) }),
    record({ data: Buffer.alloc(70_000, 7), revision: Number.MAX_SAFE_INTEGER }),
  ];
  for (const r of cases) {
    t.same(encodeEventResponse(r), Buffer.from(eventResponse(r).serializeBinary()), `${r.stream} rev ${r.revision}`);
  }
});
