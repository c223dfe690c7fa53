import t from 'tap';
import { eventSchemas } from '@shouwang/domain';
import { generateHistory } from '../src/testing/generateHistory.js';

t.test('every generated event is valid under its domain schema, and a seed gives the same history', async (t) => {
  const seen = new Set<string>();
  let count = 0;
  const first: string[] = [];
  const invalid: string[] = [];
  for (const append of generateHistory({ events: 5000, seed: 3 })) {
    for (const e of append.events) {
      const schema = (eventSchemas as Record<string, { safeParse(x: unknown): { success: boolean; error?: unknown } }>)[e.type];
      const parsed = schema?.safeParse(e);
      if (!parsed?.success) invalid.push(`${e.type}: ${String(parsed?.error ?? 'no schema')}`);
      seen.add(e.type);
      count += 1;
      if (first.length < 50) first.push(JSON.stringify(e));
    }
  }
  t.same(invalid.slice(0, 5), [], 'no invalid events');
  t.ok(count >= 5000);
  for (const type of ['VolunteerSignedUp', 'ServiceCompleted', 'PostShiftAssigned', 'DonationDistributed', 'ResponseModeSwitched', 'RequestFulfilled', 'DispatchExpired'])
    t.ok(seen.has(type), `history contains ${type}`);
  const again: string[] = [];
  for (const append of generateHistory({ events: 5000, seed: 3 })) for (const e of append.events) if (again.length < 50) again.push(JSON.stringify(e));
  t.same(again, first);
});
