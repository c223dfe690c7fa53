import type { ZodFastifySchemaValidationError } from 'fastify-type-provider-zod';

export interface FieldError {
  field: string;
  message: string;
}

const MAX_FIELD = 120;

/** `body.shifts.0.endsAt`: where the problem is, as a dotted path (no value is ever echoed). */
function fieldPath(context: string, instancePath: string, key?: string): string {
  const parts = instancePath.split('/').filter((p) => p.length > 0);
  const path = [context, ...parts, ...(key !== undefined ? [key] : [])].join('.');
  return path.length > MAX_FIELD ? `${path.slice(0, MAX_FIELD)}…` : path;
}

/** One entry per offending field; unknown keys each get their own entry. */
export function fieldErrors(issues: ZodFastifySchemaValidationError[], context: string): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    if (issue.keyword === 'unrecognized_keys') {
      const keys = ((issue.params as { keys?: unknown }).keys ?? []) as unknown[];
      for (const k of keys.slice(0, 20)) out.push({ field: fieldPath(context, issue.instancePath, String(k)), message: 'unknown field' });
      continue;
    }
    out.push({ field: fieldPath(context, issue.instancePath), message: issue.message ?? 'invalid' });
  }
  return out.slice(0, 50);
}
