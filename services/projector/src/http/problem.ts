import type { FastifyReply } from 'fastify';

/** Sends an RFC 9457 problem+json body with a stable code. */
export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, extra: object = {}) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `https://shouwang.example/problems/${code}`, title: code, status, code, detail, ...extra });
}
