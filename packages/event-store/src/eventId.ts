import { hash } from 'node:crypto';

/** Fixed namespace for Shouwang event ids; changing it would break idempotent retries. */
export const EVENT_ID_NAMESPACE = '5d0b6a3e-8f1c-4c59-9b7a-2f4e1d6c3a90';

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new TypeError('not a UUID');
  return Buffer.from(hex, 'hex');
}

// Every command derives its event ids from this namespace: parse it once, not per id.
const eventIdNamespace = uuidBytes(EVENT_ID_NAMESPACE);

/** RFC 9562 name-based UUID, version 5 (SHA-1). */
export function uuidV5(name: string, namespace: string): string {
  const ns = namespace === EVENT_ID_NAMESPACE ? eventIdNamespace : uuidBytes(namespace);
  // One-shot hash: computed on every command step, where a Hash object per id shows in profiles.
  const b = hash('sha1', Buffer.concat([ns, Buffer.from(name, 'utf8')]), 'buffer');
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex', 0, 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The id of the `index`-th event produced by a command: the same command always yields the
 * same ids, so the store recognises a retried append and a retried command appends nothing new.
 */
export function eventIdFor(commandId: string, index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError('event index must be a non-negative integer');
  return uuidV5(`${commandId}/${index}`, EVENT_ID_NAMESPACE);
}
