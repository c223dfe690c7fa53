import { dataOf, put } from '../projection/helpers.js';
import type { Projection, ProjectedEvent, ViewChange, ViewLookup } from '../projection/types.js';
import { viewNames, type ModeCurrentDoc, type ModeSwitchDoc } from './docs.js';

const V = viewNames;

const current = (read: ViewLookup, scope: string): ModeCurrentDoc =>
  read<ModeCurrentDoc>(V.modeCurrent, scope) ?? { scope, mode: 'normal', since: '', activePostKinds: {} };

function project(event: ProjectedEvent, read: ViewLookup): ViewChange[] {
  switch (event.type) {
    case 'ResponseModeSwitched': {
      const d = dataOf(event, 'ResponseModeSwitched');
      const entry: ModeSwitchDoc = {
        scope: d.districtId,
        from: d.from,
        to: d.to,
        reason: d.reason,
        at: d.switchedAt,
        actor: { role: d.actor.role, id: d.actor.id },
        correlationId: event.metadata.correlationId ?? null,
        position: event.position.toString(),
      };
      // keyed by position, zero-padded so keys sort in log order
      const key = `${d.districtId}|${event.position.toString().padStart(20, '0')}`;
      return [
        put(V.modeSwitch, key, d.districtId, entry, { t: d.switchedAt }),
        put(V.modeCurrent, d.districtId, d.districtId, { ...current(read, d.districtId), mode: d.to, since: d.switchedAt }),
      ];
    }
    case 'ResponsePlanAdopted': {
      const d = dataOf(event, 'ResponsePlanAdopted');
      const doc = current(read, d.districtId);
      return [
        put(V.modeCurrent, d.districtId, d.districtId, {
          ...doc,
          activePostKinds: { ...doc.activePostKinds, [d.plan.mode]: [...d.plan.activePostKinds] },
        }),
      ];
    }
    default:
      return [];
  }
}

/** The response mode of the city and each district (平/战/急/极), its timeline and adopted plans. */
export const modesProjection: Projection = {
  name: 'modes',
  eventTypes: ['ResponseModeSwitched', 'ResponsePlanAdopted'],
  project,
};
