export type {
  Actor,
  AppendResult,
  CaughtUp,
  EventMetadata,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeToAllOptions,
  SubscriptionFilter,
} from './types.js';
export { openEventStore, type OpenEventStoreOptions } from './openEventStore.js';
export { eventIdFor, uuidV5, EVENT_ID_NAMESPACE } from './eventId.js';
export {
  WrongExpectedVersionError,
  StreamDeletedError,
  EventStoreUnavailableError,
  mapClientError,
} from './errors.js';
export { streamCategories, shouwangStreamPrefixes, categoryOf, type StreamCategory } from './categories.js';
