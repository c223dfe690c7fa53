export { buildApp, type AppDeps } from './app.js';
export { ApiConfig, loadConfig } from './config.js';
export { signToken, tokenVerifier, type TokenSettings } from '@shouwang/auth';
export { roles, Claims, type Role } from '@shouwang/auth';
export { policies, policyFor } from './auth/policies.js';
export { httpErrorCodes, HttpError, type HttpErrorCode } from './http/httpErrors.js';
export { exampleTokens, exampleClaims } from './tokens.js';
