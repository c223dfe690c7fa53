export { startEmbeddedStore, type EmbeddedStoreHandle } from './embeddedStore.js';
export { startNatsServer, natsServerBinary, type NatsServerHandle } from './natsServer.js';
export { freePort } from './freePort.js';
export { tempDir } from './tempDir.js';
export { waitForPort } from './waitForPort.js';
