export { startEsdbServer, type EsdbServer, type EsdbServerOptions } from './server.js';
export { MAX_APPEND_SIZE } from './store/eventLog.js';
export { spawnEsdbProcess, type EsdbProcess } from './spawn.js';
