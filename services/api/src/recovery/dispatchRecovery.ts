import { fold, reservingStatuses, volunteerDecider, type VolunteerEvent, type VolunteerState } from '@shouwang/domain';
import type { EventMetadata, StoredEvent } from '@shouwang/event-store';
import type { RouteContext } from '../commands/context.js';
import type { StepInvocation } from '../commands/invocation.js';
import { modeOfDistrict } from '../commands/dispatch/facts.js';
import { followThrough } from '../commands/dispatch/followThrough.js';
import { takeSeat } from '../commands/dispatch/seat.js';
import type { Checkpoint } from './checkpoint.js';

/** The volunteer-stream events whose follow-up a crash may have cut off. */
export const recoveryEventTypes = ['VolunteerDispatched', 'DispatchDeclined', 'DispatchExpired', 'DispatchCancelled', 'VolunteerNoShow', 'ServiceCompleted'];

export interface DispatchRecoveryOptions {
  ctx: RouteContext;
  checkpoint: Checkpoint;
  /** A dispatch younger than this is left to its own request handler (default 30 s). */
  graceMs?: number;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface DispatchRecovery {
  /** Resolves once the history up to the start has been gone through. */
  caughtUp: Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Section 6 of docs/dispatch-consistency.md, the dispatch process manager: follows `$all` from
 * its checkpoint and finishes what a crash cut off — a reserved dispatch without its seat gets
 * step 2 (or the compensation), an ending without its release gets it, a completed request its
 * fulfilment. Every step has the ids the request handler would have used, so finishing something
 * that was in fact finished writes nothing; at-least-once is enough.
 */
export function startDispatchRecovery(opts: DispatchRecoveryOptions): DispatchRecovery {
  const { ctx, checkpoint, log } = opts;
  const graceMs = opts.graceMs ?? 30_000;
  const abort = new AbortController();
  let markCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));

  const invocationFor = (event: StoredEvent): StepInvocation => {
    const now = ctx.clock().toISOString();
    const meta = event.metadata as EventMetadata | undefined;
    return {
      ctx,
      now,
      log,
      stepMetadata: (commandId, causationId) => ({
        commandId,
        correlationId: meta?.correlationId ?? event.id,
        causationId,
        actor: { role: 'system', id: 'dispatch-recovery', districtId: null },
        occurredAt: now,
      }),
    };
  };

  async function handle(event: StoredEvent): Promise<void> {
    const history = await ctx.store.readStream(event.stream);
    const volunteerId = (event.data as { volunteerId: string }).volunteerId;
    const dispatchId = (event.data as { dispatchId: string }).dispatchId;
    const inv = invocationFor(event);
    const causation = (event.metadata as EventMetadata | undefined)?.commandId ?? event.id;
    const events = (upTo: bigint) => history.filter((e) => e.revision < upTo).map((e) => ({ type: e.type, data: e.data }) as VolunteerEvent);
    if (event.type === 'VolunteerDispatched') {
      const now: VolunteerState = fold(volunteerDecider, events(BigInt(Number.MAX_SAFE_INTEGER)));
      const record = now.dispatches[dispatchId];
      if (!record || !reservingStatuses.includes(record.status) || record.status === 'checked_in') return;
      const { mode, plan } = await modeOfDistrict(ctx.store, record.target.districtId);
      const outcome = await takeSeat(inv, { volunteerId, dispatchId, target: record.target, mode, plan }, causation);
      if ('refusal' in outcome) log.info({ dispatchId, code: outcome.refusal }, 'recovered dispatch compensated');
      return;
    }
    const before: VolunteerState = fold(volunteerDecider, events(event.revision));
    await followThrough(inv, before, [{ type: event.type, data: event.data }], causation);
  }

  const run = async () => {
    const from = await checkpoint.load();
    const subscription = ctx.store.subscribeToAll({ ...(from === undefined ? {} : { fromPosition: from }), filter: { eventTypes: recoveryEventTypes } });
    let lastSaved = Date.now();
    let pending: bigint | undefined;
    for await (const item of subscription) {
      if (abort.signal.aborted) break;
      if ('kind' in item) {
        markCaughtUp();
        continue;
      }
      if (item.type === 'VolunteerDispatched') await sleep(item.created.getTime() + graceMs - Date.now(), abort.signal);
      if (abort.signal.aborted) break;
      for (let attempt = 1; ; attempt++) {
        try {
          await handle(item);
          break;
        } catch (err) {
          if (attempt >= 3) {
            log.error({ err, eventId: item.id }, 'dispatch recovery gave up on an event');
            break;
          }
          await sleep(100 * attempt, abort.signal);
        }
      }
      pending = item.position;
      if (Date.now() - lastSaved > 250) {
        await checkpoint.save(pending);
        lastSaved = Date.now();
        pending = undefined;
      }
    }
    if (pending !== undefined) await checkpoint.save(pending);
  };
  const running = run().catch((err: unknown) => {
    if (!abort.signal.aborted) log.error({ err }, 'dispatch recovery stopped');
  });
  return {
    caughtUp,
    async stop() {
      abort.abort();
      markCaughtUp();
      await Promise.race([running, new Promise((r) => setTimeout(r, 2000))]);
    },
  };
}
