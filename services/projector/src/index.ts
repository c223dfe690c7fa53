// Public interface of @shouwang/projector: the read side of Shouwang.
export { Projector, type AllSubscriber, type ProjectorOptions } from './projector.js';
export { ViewStore, type BatchCommitted, type Checkpoint } from './store/viewStore.js';
export { openDatabase } from './store/openDatabase.js';
export { liveReader, historicReader, type ViewReader, type RowFilter } from './store/viewReader.js';
export { MemoryViews } from './projection/memoryViews.js';
export type { Projection, ProjectedEvent, ViewChange, ViewLookup, ViewRow } from './projection/types.js';
export { projections } from './views/index.js';
export * from './views/docs.js';
export { viewQueries, queryByName, type ViewQuery, type Role } from './queries/registry.js';
export { briefingFigures, briefingText, type BriefingFigures } from './queries/briefing.js';
export { readerAt, AtError } from './audit/at.js';
export { entityHistory, type HistoryEntry } from './audit/entityHistory.js';
export { viewsPlugin, type ViewsPluginOptions } from './http/viewsPlugin.js';
export { buildProjectorApp, type ProjectorAppOptions } from './http/app.js';
export { tokenVerifier, mayScope, Claims, AuthError, type TokenSettings } from './http/auth.js';
export { startProjector, viewsFile, type ProjectorService } from './service.js';
export { loadConfig, ProjectorConfig, DEVELOPMENT_JWT_SECRET } from './config.js';
export { replayViews, lastPosition } from './audit/replay.js';
