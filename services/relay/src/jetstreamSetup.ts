import { nanos, StorageType, DiscardPolicy, RetentionPolicy, type JetStreamManager, type StreamConfig } from 'nats';

export interface StreamSettings {
  name: string;
  subjectPrefix: string;
  duplicateWindowMs: number;
  replicas: number;
}

/** Creates the JetStream stream, or brings subjects, duplicate window and replicas in line with the configuration. */
export async function ensureStream(jsm: JetStreamManager, s: StreamSettings): Promise<'created' | 'updated' | 'unchanged'> {
  const wanted: Partial<StreamConfig> = {
    subjects: [`${s.subjectPrefix}.>`],
    duplicate_window: nanos(s.duplicateWindowMs),
    num_replicas: s.replicas,
  };
  let current: StreamConfig | undefined;
  try {
    current = (await jsm.streams.info(s.name)).config;
  } catch (err) {
    if (!/stream not found/i.test((err as Error).message)) throw err;
  }
  if (!current) {
    await jsm.streams.add({
      name: s.name,
      ...wanted,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
    });
    return 'created';
  }
  const same =
    current.subjects?.length === 1 &&
    current.subjects[0] === wanted.subjects![0] &&
    current.duplicate_window === wanted.duplicate_window &&
    current.num_replicas === wanted.num_replicas;
  if (same) return 'unchanged';
  await jsm.streams.update(s.name, { ...current, ...wanted });
  return 'updated';
}
