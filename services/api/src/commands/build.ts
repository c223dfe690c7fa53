import { commandSchemas } from '@shouwang/domain';
import { HttpError } from '../http/httpErrors.js';

/**
 * The domain command, checked with its own zod schema (the HTTP body was checked already; this
 * catches facts the handler read that the domain would not accept). Never a 500.
 */
export function buildCommand(type: string, data: Record<string, unknown>): never {
  const schema = (commandSchemas as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[]; message: string }[] } } }>)[type];
  if (!schema) throw new HttpError('SW_ERR_INTERNAL', `no schema for ${type}`);
  const parsed = schema.safeParse({ type, data });
  if (!parsed.success) {
    const errors = (parsed.error?.issues ?? []).map((i) => ({
      field: ['body', ...i.path.slice(1).map(String)].join('.'),
      message: i.message,
    }));
    throw new HttpError('SW_ERR_VALIDATION', `invalid ${errors.map((e) => e.field).join(', ')}`, errors);
  }
  return parsed.data as never;
}
