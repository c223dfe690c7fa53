import { z } from 'zod';
import { Actor, DistrictScope, IsoDateTime, LongText } from '../primitives.js';
import { ModePlan, ResponseMode } from '../modes.js';
import { eventOf } from '../schema.js';

// On stream mode-<scope>; districtId is the scope (`city` or a district id).

export const ResponsePlanAdopted = eventOf(
  'ResponsePlanAdopted',
  z.object({
    districtId: DistrictScope.describe('Scope the plan is adopted for: "city" or a district'),
    plan: ModePlan,
    actor: Actor,
    adoptedAt: IsoDateTime,
  }),
  'A coordination-and-dispatch plan for one mode was adopted for the city or a district, overriding the default.',
);
export type ResponsePlanAdopted = z.infer<typeof ResponsePlanAdopted>;

export const ResponseModeSwitched = eventOf(
  'ResponseModeSwitched',
  z.object({
    districtId: DistrictScope.describe('Scope switched: "city" or a district'),
    from: ResponseMode,
    to: ResponseMode,
    reason: LongText.describe('Why the command center switched (平战模式转换)'),
    actor: Actor,
    switchedAt: IsoDateTime,
  }),
  'The command center switched the response mode of the city or one district.',
);
export type ResponseModeSwitched = z.infer<typeof ResponseModeSwitched>;
