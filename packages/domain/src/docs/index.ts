export { renderEventCatalog } from './eventCatalog.js';
export { renderDomainErrorTable, domainErrorBlock, withDomainErrorTable, errorsStartMarker, errorsEndMarker } from './errorTable.js';
