import type Database from 'better-sqlite3';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { AtError, readerAt } from '../audit/at.js';
import type { EventsBetween } from '../audit/eventsBetween.js';
import { entityHistory, isEntityStream, type StreamReader } from '../audit/entityHistory.js';
import { toCsv } from '../queries/csv.js';
import { viewQueries, type ViewQuery } from '../queries/registry.js';
import type { Checkpoint } from '../store/viewStore.js';
import { AuthError, mayScope, tokenVerifier, type Claims, type TokenSettings } from './auth.js';
import { streamChanges, type CommitSource } from './liveChanges.js';
import { sendProblem } from './problem.js';

export interface ViewsPluginOptions {
  /** The views database (the projector's connection, or a read-only one). */
  db: Database.Database;
  /** Where the views stand. */
  checkpoint: () => Checkpoint;
  /** Reads the events of a batch again, for `?at` moments inside it (the service's `events`). */
  events: EventsBetween;
  /** The API's token settings (JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE): one token serves both. */
  tokens: TokenSettings;
  /** Announces committed batches to `/v1/views/stream`. */
  changes: CommitSource;
  /** For entity histories (`/v1/views/history/:stream`); without it that route answers 503. */
  store?: StreamReader;
}

const common = z.object({
  at: z.string().min(1).max(40).optional().describe('A commit position, or an ISO time: the view as it stood then'),
  format: z.enum(['json', 'csv', 'text']).default('json'),
});

async function authenticate(request: FastifyRequest, verify: (token: string) => Promise<Claims>): Promise<Claims> {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) throw new AuthError('missing bearer token');
  return verify(header.slice(7));
}

function fieldProblems(error: z.ZodError) {
  return error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
}

/**
 * The read side over HTTP, under `/v1/views/...`: one route per view query, the live change stream
 * and entity histories. Every route needs a token; answers are limited to the token's role and district.
 */
export const viewsPlugin = fp(
  async (app: FastifyInstance, opts: ViewsPluginOptions) => {
    const verify = tokenVerifier(opts.tokens);

    const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<Claims | undefined> => {
      try {
        return await authenticate(request, verify);
      } catch (err) {
        if (err instanceof AuthError) {
          sendProblem(reply, 401, err.code, err.message);
          return undefined;
        }
        throw err;
      }
    };

    for (const query of viewQueries as readonly ViewQuery[]) {
      app.get(`/v1/views/${query.name}`, async (request, reply) => {
        const claims = await guard(request, reply);
        if (!claims) return reply;
        if (!query.roles.includes(claims.role))
          return sendProblem(reply, 403, 'SW_ERR_FORBIDDEN', `role ${claims.role} may not read ${query.name}`);
        const raw = request.query as Record<string, unknown>;
        const c = common.safeParse(raw);
        const { at: _at, format: _format, ...rest } = raw;
        const p = query.params.safeParse(rest);
        if (!c.success || !p.success) {
          const errors = [...(c.success ? [] : fieldProblems(c.error)), ...(p.success ? [] : fieldProblems(p.error))];
          return sendProblem(reply, 400, 'SW_ERR_VALIDATION', `invalid ${errors.map((e) => e.field).join(', ')}`, { errors });
        }
        let at;
        try {
          at = await readerAt(opts.db, opts.checkpoint().position, c.data.at, opts.events);
        } catch (err) {
          if (err instanceof AtError) {
            // the store's error is the operator's to see, not the client's
            if (err.status === 503) request.log.warn({ err: err.cause }, 'event store unreadable for ?at');
            return sendProblem(reply, err.status, err.code, err.message);
          }
          throw err;
        }
        const scope = query.scope(p.data, at.reader);
        const ownRecord = claims.role === 'volunteer' && (p.data as { volunteerId?: string }).volunteerId === claims.volunteerId;
        if (claims.role === 'volunteer' && query.name === 'service-record' && !ownRecord)
          return sendProblem(reply, 403, 'SW_ERR_FORBIDDEN', 'a volunteer may read only their own service record');
        if (scope === undefined && !ownRecord) return sendProblem(reply, 404, 'SW_ERR_NOT_FOUND', `no such subject in ${query.name}`);
        if (scope && !ownRecord && !mayScope(claims, scope))
          return sendProblem(reply, 403, 'SW_ERR_FORBIDDEN', `token is scoped to district ${claims.districtId}`);
        const result = query.run(at.reader, p.data, { now: at.now });
        if (c.data.format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(query.rows(result)));
        if (c.data.format === 'text') {
          if (!query.text) return sendProblem(reply, 400, 'SW_ERR_VALIDATION', `${query.name} has no text form`);
          return reply.type('text/plain; charset=utf-8').send(query.text(result));
        }
        return { view: query.name, position: at.reader.position?.toString() ?? null, asOf: at.now.toISOString(), data: result };
      });
    }

    // open streams are ended before the server closes, or they would hold the close up
    const streams = new Set<{ end(): void }>();
    app.addHook('preClose', async () => {
      for (const s of streams) s.end();
      streams.clear();
    });
    app.get('/v1/views/stream', async (request, reply) => {
      const claims = await guard(request, reply);
      if (!claims) return reply;
      const stream = streamChanges(request, reply, opts.changes, claims, opts.checkpoint().position);
      streams.add(stream);
      request.raw.on('close', () => streams.delete(stream));
      return reply;
    });

    app.get('/v1/views/checkpoint', async (request, reply) => {
      const claims = await guard(request, reply);
      if (!claims) return reply;
      const cp = opts.checkpoint();
      return { position: cp.position?.toString() ?? null, events: cp.events };
    });

    app.get<{ Params: { stream: string } }>('/v1/views/history/:stream', async (request, reply) => {
      const claims = await guard(request, reply);
      if (!claims) return reply;
      if (claims.role !== 'auditor' && claims.role !== 'commander')
        return sendProblem(reply, 403, 'SW_ERR_FORBIDDEN', 'only auditors and commanders read entity histories');
      const { stream } = request.params;
      if (!isEntityStream(stream))
        return sendProblem(reply, 400, 'SW_ERR_VALIDATION', 'stream must be <category>-<id>', { errors: [{ field: 'stream', message: 'unknown stream' }] });
      if (!opts.store) return sendProblem(reply, 503, 'SW_ERR_NO_STORE', 'entity histories need the event store');
      const history = await entityHistory(opts.store, stream);
      if (history.length === 0) return sendProblem(reply, 404, 'SW_ERR_NOT_FOUND', 'no such stream');
      if (claims.districtId !== 'city' && history.some((h) => h.districtId !== null && h.districtId !== 'city' && !mayScope(claims, h.districtId)))
        return sendProblem(reply, 403, 'SW_ERR_FORBIDDEN', `token is scoped to district ${claims.districtId}`);
      return { stream, events: history };
    });
  },
  { name: '@shouwang/projector-views', fastify: '5.x' },
);
