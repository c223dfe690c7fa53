// Writes docs/event-catalog.md and the domain block of docs/errors.md from the schemas.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderEventCatalog, withDomainErrorTable } from '../src/docs/index.js';

const docs = fileURLToPath(new URL('../../../docs/', import.meta.url));
writeFileSync(`${docs}event-catalog.md`, renderEventCatalog());
const errors = `${docs}errors.md`;
writeFileSync(errors, withDomainErrorTable(existsSync(errors) ? readFileSync(errors, 'utf8') : ''));
console.log(`wrote ${docs}event-catalog.md and the domain errors of ${errors}`);
