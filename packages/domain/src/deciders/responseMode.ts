import type { ResponseModeCommand } from '../commands/index.js';
import type { ResponseModeEvent } from '../events/index.js';
import type { DistrictScope } from '../primitives.js';
import { type ModePlan, type ResponseMode, effectiveMode, resolvePlan } from '../modes.js';
import { refuse } from '../errors.js';
import { assertNever, type Decider } from '../decider.js';

export type ResponseModeState = {
  scope: DistrictScope | null;
  /** Every scope starts in 平. */
  mode: ResponseMode;
  plans: Partial<Record<ResponseMode, ModePlan>>;
  switchedAt: string | null;
};

export const initialResponseModeState: ResponseModeState = { scope: null, mode: 'normal', plans: {}, switchedAt: null };

const samePlan = (a: ModePlan | undefined, b: ModePlan): boolean =>
  a !== undefined &&
  a.reach === b.reach &&
  a.reservesActive === b.reservesActive &&
  a.agencyStaffDispatchable === b.agencyStaffDispatchable &&
  a.activePostKinds.length === b.activePostKinds.length &&
  a.activePostKinds.every((k) => b.activePostKinds.includes(k));

const decide = (c: ResponseModeCommand, s: ResponseModeState): ResponseModeEvent[] => {
  if (s.scope !== null && s.scope !== c.data.scope) refuse('SW_ERR_SCOPE_MISMATCH', 'the command names another scope than the stream');
  switch (c.type) {
    case 'AdoptResponsePlan':
      if (samePlan(s.plans[c.data.plan.mode], c.data.plan)) return [];
      return [
        { type: 'ResponsePlanAdopted', data: { districtId: c.data.scope, plan: c.data.plan, actor: c.data.actor, adoptedAt: c.data.now } },
      ];
    case 'SwitchResponseMode':
      if (c.data.to === s.mode) refuse('SW_ERR_MODE_UNCHANGED', `the scope is in mode ${s.mode} already`);
      return [
        {
          type: 'ResponseModeSwitched',
          data: {
            districtId: c.data.scope,
            from: s.mode,
            to: c.data.to,
            reason: c.data.reason,
            actor: c.data.actor,
            switchedAt: c.data.now,
          },
        },
      ];
    default:
      return assertNever(c);
  }
};

const evolve = (s: ResponseModeState, e: ResponseModeEvent): ResponseModeState => {
  switch (e.type) {
    case 'ResponsePlanAdopted':
      return { ...s, scope: e.data.districtId, plans: { ...s.plans, [e.data.plan.mode]: e.data.plan } };
    case 'ResponseModeSwitched':
      return { ...s, scope: e.data.districtId, mode: e.data.to, switchedAt: e.data.switchedAt };
    default:
      return assertNever(e);
  }
};

/** mode-<scope>: the mode of the city or of one district, and the plans adopted there. */
export const responseModeDecider: Decider<ResponseModeCommand, ResponseModeEvent, ResponseModeState> = {
  decide,
  evolve,
  initialState: initialResponseModeState,
};

/**
 * What the dispatch handler puts into DispatchVolunteer/AssignPostShift: the effective mode of a
 * district (the higher of its own and the city's) and the plan in force for it.
 */
export const modeInForce = (city: ResponseModeState, district: ResponseModeState): { mode: ResponseMode; plan: ModePlan } => {
  const mode = effectiveMode(city.mode, district.mode);
  return { mode, plan: resolvePlan(mode, district.plans, city.plans) };
};
