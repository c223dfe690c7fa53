import { reservingStatuses, upcast, volunteerDecider, type ResponseMode, type VolunteerState } from '@shouwang/domain';
import type { EventMetadata, StoredEvent } from '@shouwang/event-store';
import type { RouteContext } from '../commands/context.js';
import type { StepInvocation } from '../commands/invocation.js';
import { foldHistory } from '../commands/fold.js';
import { planOfMode } from '../commands/dispatch/facts.js';
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

/** The longest wait between two tries of an event that keeps failing. */
const MAX_BACKOFF_MS = 30_000;

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
    // older schema versions are brought to today's shape, as for every fold
    const data = upcast(event.type, event.metadata?.schemaVersion ?? 1, event.data) as { volunteerId: string; dispatchId: string; mode?: ResponseMode };
    const { volunteerId, dispatchId } = data;
    const inv = invocationFor(event);
    const causation = (event.metadata as EventMetadata | undefined)?.commandId ?? event.id;
    const stateBefore = (revision: bigint): VolunteerState => foldHistory(volunteerDecider as never, history.filter((e) => e.revision < revision));
    if (event.type === 'VolunteerDispatched') {
      const record = stateBefore(BigInt(Number.MAX_SAFE_INTEGER)).dispatches[dispatchId];
      if (!record || !reservingStatuses.includes(record.status) || record.status === 'checked_in') return;
      // the seat is taken under the mode the dispatch was made under, as its request would have;
      // a switch since the crash does not change what was decided then
      const mode = data.mode!;
      const plan = await planOfMode(ctx.store, record.target.districtId, mode);
      const outcome = await takeSeat(inv, { volunteerId, dispatchId, target: record.target, mode, plan }, causation);
      if ('refusal' in outcome) log.info({ dispatchId, code: outcome.refusal }, 'recovered dispatch compensated');
      return;
    }
    await followThrough(inv, stateBefore(event.revision), [{ type: event.type, data }], causation);
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
      // never past an event it could not handle: its dispatch would stay unrepaired for good
      for (let attempt = 1; !abort.signal.aborted; attempt++) {
        try {
          await handle(item);
          break;
        } catch (err) {
          log.error({ err, eventId: item.id, attempt }, 'dispatch recovery failed on an event; retrying it');
          await sleep(Math.min(100 * 2 ** (attempt - 1), MAX_BACKOFF_MS), abort.signal);
        }
      }
      if (abort.signal.aborted) break;
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
