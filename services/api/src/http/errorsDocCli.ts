import { fileURLToPath } from 'node:url';
import { updateErrorsDoc } from './errorsDoc.js';

const path = fileURLToPath(new URL('../../../../docs/errors.md', import.meta.url));
console.log(updateErrorsDoc(path) ? `updated ${path}` : `${path} is up to date`);
