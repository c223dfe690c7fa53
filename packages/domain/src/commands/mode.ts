import { z } from 'zod';
import { Actor, DistrictScope, IsoDateTime, LongText } from '../primitives.js';
import { ModePlan, ResponseMode } from '../modes.js';
import { commandOf } from '../schema.js';

export const AdoptResponsePlan = commandOf(
  'AdoptResponsePlan',
  z.strictObject({ scope: DistrictScope, plan: z.strictObject(ModePlan.shape), actor: z.strictObject(Actor.shape), now: IsoDateTime }),
  'Adopt the plan of one mode for the city or a district.',
);
export type AdoptResponsePlan = z.infer<typeof AdoptResponsePlan>;

export const SwitchResponseMode = commandOf(
  'SwitchResponseMode',
  z.strictObject({ scope: DistrictScope, to: ResponseMode, reason: LongText, actor: z.strictObject(Actor.shape), now: IsoDateTime }),
  'Switch the mode of the city or a district (平战模式转换).',
);
export type SwitchResponseMode = z.infer<typeof SwitchResponseMode>;
