export { startEsdbServer, type EsdbServer, type EsdbServerOptions } from './server.js';
export { MAX_APPEND_SIZE } from './store/eventLog.js';
