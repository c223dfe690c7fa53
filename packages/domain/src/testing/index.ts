export { given, decideOn, type Asserter, type Outcome } from './given.js';
