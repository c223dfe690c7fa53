import t from 'tap';
import { given } from '@shouwang/domain/testing';
import {
  defaultPlans,
  effectiveMode,
  fold,
  modeInForce,
  modeOrder,
  resolvePlan,
  responseModeDecider,
  type ModePlan,
  type ResponseModeEvent,
} from '../src/index.js';
import { T0, actor } from './support/fixtures.js';

t.test('the mode order is 平 < 战 < 急 < 极', async (t) => {
  t.strictSame([...modeOrder], ['normal', 'combat', 'emergency', 'extreme']);
});

t.test("a district's effective mode is the higher of its own and the city's", async (t) => {
  for (const city of modeOrder) {
    for (const district of modeOrder) {
      const expected = modeOrder.indexOf(city) >= modeOrder.indexOf(district) ? city : district;
      t.equal(effectiveMode(city, district), expected, `${city} + ${district}`);
    }
  }
});

t.test('default plans follow the brief', async (t) => {
  t.strictSame(
    modeOrder.map((m) => [defaultPlans[m].reach, defaultPlans[m].reservesActive]),
    [
      ['own_station', false],
      ['own_district', false],
      ['city', true],
      ['city', true],
    ],
  );
  t.ok(defaultPlans.extreme.agencyStaffDispatchable && !defaultPlans.emergency.agencyStaffDispatchable);
  t.notOk(defaultPlans.normal.activePostKinds.includes('checkpoint'));
  t.ok(defaultPlans.combat.activePostKinds.includes('checkpoint'));
  t.notOk(defaultPlans.combat.activePostKinds.includes('quarantine_site'));
  t.ok(defaultPlans.emergency.activePostKinds.includes('sample_transport'));
});

const switchTo = (scope: string, to: string, now = T0) => ({ type: 'SwitchResponseMode' as const, data: { scope, to, reason: '本土疫情升级', actor, now } });
const switched = (scope: string, from: string, to: string): ResponseModeEvent => ({
  type: 'ResponseModeSwitched',
  data: { districtId: scope, from, to, reason: '本土疫情升级', actor, switchedAt: T0 } as never,
});
const cityPlan = { ...defaultPlans.combat, reach: 'city' as const };
const adopted = (scope: string, plan: ModePlan = cityPlan): ResponseModeEvent => ({
  type: 'ResponsePlanAdopted',
  data: { districtId: scope, plan, actor, adoptedAt: T0 },
});

t.test('switch the mode of the city or a district, with reason and actor', async (t) => {
  given([]).when(switchTo('hd', 'combat')).then([switched('hd', 'normal', 'combat')], t);
  given([switched('city', 'normal', 'emergency')]).when(switchTo('city', 'normal')).then([switched('city', 'emergency', 'normal')], t);
  given([switched('hd', 'normal', 'combat')]).when(switchTo('hd', 'combat')).then('SW_ERR_MODE_UNCHANGED', t);
  given([switched('hd', 'normal', 'combat')]).when(switchTo('dx', 'extreme')).then('SW_ERR_SCOPE_MISMATCH', t);
});

t.test('adopt a plan per mode; the same plan again writes nothing', async (t) => {
  const adopt = { type: 'AdoptResponsePlan' as const, data: { scope: 'hd', plan: cityPlan, actor, now: T0 } };
  given([]).when(adopt).then([adopted('hd')], t);
  given([adopted('hd')]).when(adopt).then([], t);
});

t.test('modeInForce: effective mode and the district plan, else the city plan, else the default', async (t) => {
  const city = fold(responseModeDecider, [switched('city', 'normal', 'emergency')]);
  const district = fold(responseModeDecider, [switched('hd', 'normal', 'combat'), adopted('hd', { ...defaultPlans.emergency, reach: 'own_district' })]);
  t.strictSame(modeInForce(city, district), { mode: 'emergency', plan: { ...defaultPlans.emergency, reach: 'own_district' } });
  const plainDistrict = fold(responseModeDecider, []);
  t.strictSame(modeInForce(city, plainDistrict), { mode: 'emergency', plan: defaultPlans.emergency });
  const cityWithPlan = fold(responseModeDecider, [adopted('city', { ...defaultPlans.normal, reach: 'own_district' })]);
  t.strictSame(modeInForce(cityWithPlan, plainDistrict).plan.reach, 'own_district');
  t.strictSame(resolvePlan('extreme'), defaultPlans.extreme);
});
