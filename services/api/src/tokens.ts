import { pathToFileURL } from 'node:url';
import { loadConfig } from './config.js';
import { roles, signToken, type Claims, type Role, type TokenSettings } from '@shouwang/auth';

/** Example identities, one per role, in the demo city's first district (海淀 `haidian`). */
export function exampleClaims(districtId = 'haidian'): Record<Role, Claims> {
  return {
    commander: { sub: 'commander-1', role: 'commander', districtId: 'city' },
    dispatcher: { sub: `dispatcher-${districtId}`, role: 'dispatcher', districtId },
    volunteer: { sub: 'volunteer-v00001', role: 'volunteer', districtId, volunteerId: `${districtId}-v00001` },
    donations_desk: { sub: `donations-${districtId}`, role: 'donations_desk', districtId },
    auditor: { sub: 'auditor-1', role: 'auditor', districtId: 'city' },
  };
}

/** A token per role, for trying the API on the embedded default. */
export async function exampleTokens(settings: TokenSettings, expiresIn = '12h'): Promise<Record<Role, string>> {
  const claims = exampleClaims();
  const out = {} as Record<Role, string>;
  for (const role of roles) out[role] = await signToken(settings, claims[role], expiresIn);
  return out;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const tokens = await exampleTokens({ secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const claims = exampleClaims();
  for (const role of roles) {
    const c = claims[role];
    console.log(`# ${role} (district ${c.districtId}${c.volunteerId ? `, volunteer ${c.volunteerId}` : ''})`);
    console.log(tokens[role]);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
