import { z } from 'zod';
import { httpErrorCodes } from './httpErrors.js';

/** RFC 9457 problem details, with Shouwang's stable `code` and, for 400, the offending fields. */
export const Problem = z
  .object({
    type: z.string().describe('URI naming the problem type (one per code)'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().describe('The request path'),
    code: z.string().describe('Stable error code, see docs/errors.md'),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('problem+json (RFC 9457)');
export type Problem = z.infer<typeof Problem>;

export const problemType = (code: string): string => `urn:shouwang:error:${code}`;

const titleOf = (code: string, status: number): string =>
  (httpErrorCodes as Record<string, { title: string }>)[code]?.title ?? (status === 422 ? 'Refused by the domain' : 'Conflict');

export function problem(
  code: string,
  status: number,
  detail: string,
  instance: string,
  extra: { errors?: { field: string; message: string }[] } = {},
): Problem {
  return {
    type: problemType(code),
    title: titleOf(code, status),
    status,
    detail,
    instance,
    code,
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
}
