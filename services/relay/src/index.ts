export { Relay, type RelayOptions } from './relay.js';
export { startRelayService, type RelayService } from './service.js';
export { RelayConfig, loadRelayConfig } from './config.js';
export { subjectFor, districtOf, subjectToken } from './subject.js';
export { encodeBody, eventHeaders, POSITION_HEADER, CE_SOURCE, type EventMessageBody } from './message.js';
export { ensureStream, type StreamSettings } from './jetstreamSetup.js';
export { readTail, type StreamTail } from './tail.js';
export { measureLag, type Lag } from './lag.js';
export { createRelayMetrics, type RelayMetrics } from './metrics.js';
