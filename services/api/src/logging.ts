import type { LoggerOptions } from 'pino';

/** Personal fields (姓名, 电话, 身份证号, contact, address) wherever they sit in a logged object. */
export const personalFieldNames = ['name', 'phone', 'idNumber', 'contact', 'address'] as const;

const paths = personalFieldNames.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]);

/**
 * pino options for the API: structured JSON, the correlation id on every request line (as
 * `correlationId`), personal fields and credentials redacted.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [...paths, 'req.headers.authorization', 'headers.authorization', '*.authorization'],
      censor: '[redacted]',
    },
  };
}
