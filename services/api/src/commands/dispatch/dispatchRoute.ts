import { z } from 'zod';
import {
  DomainError,
  Id,
  IsoDateTime,
  protocolCommandId,
  reservingStatuses,
  volunteerDecider,
  volunteerStream,
  upcast,
  type DispatchVolunteer,
  type VolunteerDispatched,
  type VolunteerState,
} from '@shouwang/domain';
import { eventIdFor, type StoredEvent } from '@shouwang/event-store';
import { authorizeTarget } from '../../auth/authenticate.js';
import type { CommandRoute } from '../define.js';
import { buildCommand } from '../build.js';
import { runStep } from '../step.js';
import { VolunteerParams } from '../routes/schemas.js';
import { modeOfDistrict, planOfMode, readModes, readTarget, type TargetRef } from './facts.js';
import { readThrough } from '../streamCache.js';
import { takeSeat } from './seat.js';
import { recordedRefusal, refusalFor } from './refusal.js';

const DEFAULT_RESPOND_WITHIN_MS = 30 * 60 * 1000;

export const DispatchBody = z.strictObject({
  dispatchId: Id.optional().describe('Names the dispatch and its seat; default derived from the Idempotency-Key (or generated)'),
  target: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('post_shift'), postId: Id, shiftId: Id }).describe('A shift of a post'),
      z
        .strictObject({ kind: z.literal('request'), requestId: Id, start: IsoDateTime, end: IsoDateTime })
        .describe('A resident request and the service window'),
    ])
    .describe('Where the volunteer is sent; its district, station, kind and skills are read from its stream'),
  respondBy: IsoDateTime.optional().describe('Deadline to accept or decline; default 30 minutes from now'),
});
type DispatchBody = z.infer<typeof DispatchBody>;

/**
 * 派单, the protocol of docs/dispatch-consistency.md: read the target and the mode in force
 * (no writes); step 1 reserves the volunteer's time on volunteer-<id> (no double booking);
 * step 2 takes the seat on post-<id> or the request (no overfill); when step 2 refuses, step 3
 * cancels the reservation, recording the refusal code, its release tombstone follows, and the
 * caller gets the refusal — the same answer on every retry, re-derived from the stored events.
 */
export const dispatchRoute: CommandRoute = {
  url: '/v1/volunteers/:volunteerId/dispatches',
  commandType: 'DispatchVolunteer',
  summary: 'Dispatch a volunteer to a post shift or a request (派单); takes the seat or refuses',
  tag: 'dispatch 派单',
  params: VolunteerParams,
  body: DispatchBody,
  async run(inv, params, raw) {
    const body = raw as DispatchBody;
    const { store } = inv.ctx;
    const volunteerId = params.volunteerId!;
    const dispatchId = body.dispatchId ?? `d-${eventIdFor(inv.commandId, 0)}`;
    const volunteer = volunteerStream(volunteerId);
    // Reads that do not depend on each other go out together (served from the cache when warm).
    const cityModes = readModes(store, 'city');
    const volunteerWarm = readThrough(store, volunteer);
    cityModes.catch(() => undefined);
    volunteerWarm.catch(() => undefined);
    // A retry answers as the first attempt did, whatever changed since (the post closed, a mode
    // switched): the target and mode are the ones its step 1 stored, if it got that far.
    const stepOneId = eventIdFor(inv.commandId, 0);
    const storedFacts = async (history: StoredEvent[]) => {
      const stored = history.find((e) => e.id === stepOneId);
      if (!stored) return undefined;
      const data = upcast(stored.type, stored.metadata?.schemaVersion ?? 1, stored.data) as VolunteerDispatched['data'];
      return { target: data.target, mode: data.mode, plan: await planOfMode(store, data.target.districtId, data.mode) };
    };
    const readFacts = async () => {
      const target = await readTarget(store, body.target as TargetRef);
      return { target, ...(await modeOfDistrict(store, target.districtId, cityModes)) };
    };
    const { target, mode, plan } =
      (await storedFacts(await volunteerWarm)) ??
      // the first attempt may have gone through another instance, unseen by this one's cache
      (await readFacts().catch(async (err: unknown) => {
        const stored = await storedFacts(await store.readStream(volunteer));
        if (!stored) throw err;
        return stored;
      }));
    authorizeTarget(inv.request, { districtId: target.districtId });
    const respondBy = body.respondBy ?? new Date(Date.parse(inv.now) + DEFAULT_RESPOND_WITHIN_MS).toISOString();
    const command = buildCommand('DispatchVolunteer', { dispatchId, volunteerId, target, mode, plan, respondBy, now: inv.now }) as DispatchVolunteer;
    const base = { store, metrics: inv.ctx.metrics, maxRetries: inv.ctx.maxRetries };

    const step1 = await runStep({
      ...base,
      stream: volunteer,
      decider: volunteerDecider as never,
      command,
      metadata: inv.metadata(),
    });
    const compensationId = protocolCommandId('compensate', dispatchId);
    if (step1.replayed) {
      const earlier = recordedRefusal(step1.history, dispatchId, compensationId);
      if (earlier) throw refusalFor(earlier);
    } else if (step1.events.length === 0) {
      const held = (step1.state as VolunteerState).dispatches[dispatchId];
      if (held && !reservingStatuses.includes(held.status)) throw new DomainError('SW_ERR_DISPATCH_NOT_OPEN');
    }

    const seat = await takeSeat({ ...inv, log: inv.request.log }, { volunteerId, dispatchId, target, mode, plan }, inv.commandId);
    if ('refusal' in seat) throw refusalFor(seat.refusal);
    const step2 = seat.events;
    return { status: 201, body: { commandId: inv.commandId, events: [...step1.events, ...step2] } };
  },
};
