import { modeStream, responseModeDecider, type DistrictScope } from '@shouwang/domain';
import { singleStep } from '../single.js';
import type { Invocation } from '../invocation.js';
import { dataOf, ScopeParams } from './schemas.js';

const tag = 'modes 平战急极';
const decider = responseModeDecider as never;
const actorOf = (inv: Invocation) => ({ role: inv.request.claims!.role, id: inv.request.claims!.sub });
// The scope in the path is the aggregate: mode-city belongs to the city, mode-<d> to district d.
const target = (stream: string) => ({ districtId: stream.slice('mode-'.length) });

/** The command center switches modes and adopts plans, for the city or one district. */
export const modeRoutes = [
  singleStep({
    url: '/v1/modes/:scope/switch',
    commandType: 'SwitchResponseMode',
    summary: 'Switch the response mode of the city or a district (平战模式转换)',
    tag,
    params: ScopeParams,
    body: dataOf('SwitchResponseMode').omit({ scope: true, actor: true, now: true }),
    decider,
    stream: (p) => modeStream(p.scope as DistrictScope),
    data: (p, b, inv) => ({ ...b, scope: p.scope, actor: actorOf(inv) }),
    target,
  }),
  singleStep({
    url: '/v1/modes/:scope/plans',
    commandType: 'AdoptResponsePlan',
    summary: 'Adopt the coordination-and-dispatch plan of one mode',
    tag,
    params: ScopeParams,
    body: dataOf('AdoptResponsePlan').omit({ scope: true, actor: true, now: true }),
    decider,
    stream: (p) => modeStream(p.scope as DistrictScope),
    data: (p, b, inv) => ({ ...b, scope: p.scope, actor: actorOf(inv) }),
    target,
  }),
];
