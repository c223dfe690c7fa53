export { roles, Role, Claims, mayScope } from './roles.js';
export { DEVELOPMENT_JWT_SECRET, signToken, tokenVerifier, type TokenSettings } from './tokens.js';
