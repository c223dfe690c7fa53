import { currentSchemaVersion, type DomainEvent } from '@shouwang/domain';
import { openDatabase } from '../src/store/openDatabase.js';
import { ViewStore } from '../src/store/viewStore.js';
import { liveReader } from '../src/store/viewReader.js';
import { projections } from '../src/views/index.js';
import type { ProjectedEvent } from '../src/projection/types.js';
import type { EventsBetween } from '../src/audit/eventsBetween.js';
import { generateHistory, type HistoryShape } from '../src/testing/generateHistory.js';

/** Stored-event look-alikes for domain events, positions 100, 200, … as a store would give them. */
export function stored(events: DomainEvent[], startPosition = 100n, stream = 'test-1'): ProjectedEvent[] {
  return events.map((e, i) => ({
    id: `00000000-0000-4000-8000-${(Number(startPosition) + i).toString().padStart(12, '0')}`,
    type: e.type,
    data: e.data,
    metadata: {
      correlationId: `c-${i}`,
      occurredAt: '2022-04-01T00:00:00Z',
      actor: { role: 'dispatcher', id: 'op', districtId: null },
      schemaVersion: currentSchemaVersion[e.type],
    },
    stream,
    revision: BigInt(i),
    position: startPosition + BigInt(i) * 100n,
    created: new Date(Date.parse('2022-04-01T00:00:00Z') + i * 1000),
  }));
}

/** Generated history as stored events in one sequence. */
export function storedHistory(shape: HistoryShape): ProjectedEvent[] {
  const out: ProjectedEvent[] = [];
  let position = 100n;
  for (const append of generateHistory(shape)) {
    for (const [i, e] of append.events.entries()) {
      out.push({
        id: `id-${position}`,
        type: e.type,
        data: e.data,
        metadata: { correlationId: `c-${position}`, occurredAt: append.at, actor: append.actor, schemaVersion: currentSchemaVersion[e.type] },
        stream: append.stream,
        revision: BigInt(i),
        position,
        created: new Date(Date.parse('2022-04-01T00:00:00Z') + Number(position)),
      });
      position += 100n;
    }
  }
  return out;
}

/** The events of a history between two positions, as the store would read them again (`?at` inside a batch). */
export function eventsIn(history: readonly ProjectedEvent[]): EventsBetween {
  return async (after, through) => history.filter((e) => (after === undefined || e.position > after) && e.position <= through);
}

/** Views in an in-memory SQLite database, fed directly (no store). */
export function memoryViews() {
  const db = openDatabase(':memory:');
  const views = new ViewStore(db, projections);
  return { db, views, reader: () => liveReader(db, views.checkpoint().position) };
}

/** Every current row of every view, sorted: the thing two view databases must agree on. */
export function dumpRows(db: ReturnType<typeof openDatabase>) {
  return db.prepare('SELECT view, key, district, t, subject, doc FROM view_rows ORDER BY view, key').all();
}

/** A token as the API issues them: HS256 with role, districtId and sub. */
export async function tokenFor(
  secret: string,
  claims: { role: string; districtId: string; sub: string; volunteerId?: string },
  expiresIn = '1h',
  audience = testTokens.audience,
) {
  const { SignJWT } = await import('jose');
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(testTokens.issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

export const testSecret = 'test-secret-for-projector-tests-0123456789';
export const testTokens = { secret: testSecret, issuer: 'shouwang', audience: 'shouwang-api' };
