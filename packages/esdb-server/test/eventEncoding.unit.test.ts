import t from 'tap';
import { eventResponse } from '../src/grpc/convert.js';
import { encodeEventResponse, encodeFrameResponse } from '../src/grpc/eventEncoding.js';
import { decodeRecord, encodeRecord } from '../src/store/record.js';
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

t.test('encoding straight from a stored frame gives the same bytes as from the decoded record', async (t) => {
  const inputs = [
    { stream: 'volunteer-1', revision: 0, type: 'VolunteerSignedUp', isJson: true, data: Buffer.from('{"a":1}'), metadata: Buffer.from('{"m":2}') },
    { stream: '志愿者-站点-1', revision: 300, type: '类型', isJson: true, data: Buffer.from('{}'), metadata: Buffer.alloc(0) },
    { stream: 's', revision: 2 ** 40, type: 'Bin', isJson: false, data: Buffer.from([0, 1, 2, 255]), metadata: Buffer.alloc(0) },
    { stream: 'empty', revision: 1, type: 'E', isJson: true, data: Buffer.alloc(0), metadata: Buffer.alloc(0) },
    { stream: 'big', revision: Number.MAX_SAFE_INTEGER, type: '$streamDeleted', isJson: false, data: Buffer.alloc(70_000, 7), metadata: Buffer.alloc(300, 1) },
  ];
  for (const [k, input] of inputs.entries()) {
    const frame = encodeRecord({ ...input, id: crypto.randomUUID(), createdTicks: 17_000_000_000_000_000n + BigInt(k) });
    // The frame sits inside a bigger buffer, as it does in a cached block.
    const block = Buffer.concat([Buffer.alloc(13, 0xee), frame, Buffer.alloc(5, 0xee)]);
    const position = 16 + k * 2 ** 33;
    const record = decodeRecord(block, 13, position)!.record;
    t.same(encodeFrameResponse(block, 13, position), encodeEventResponse(record), `${input.stream} rev ${input.revision}`);
  }
});
