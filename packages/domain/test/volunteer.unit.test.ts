import t from 'tap';
import { given } from '@shouwang/domain/testing';
import { T0, signedUp, trained } from './support/fixtures.js';

const signUp = {
  type: 'SignUpVolunteer' as const,
  data: { volunteerId: 'v1', districtId: 'hd', homeStationId: 's1', name: 'Zhang Wei', phone: '13800138000', idNumber: '110101199001011234', now: T0 },
};

t.test('sign up (注册志愿者) once; skills default to none', async (t) => {
  given([]).when(signUp).then([signedUp()], t);
  given([signedUp()]).when(signUp).then('SW_ERR_ALREADY_EXISTS', t);
});

t.test('training grants skills; only for a signed-up, active volunteer', async (t) => {
  const train = { type: 'TrainVolunteer' as const, data: { volunteerId: 'v1', course: '岗前培训: 卡点执勤', skillsGranted: ['checkpoint_duty'], now: T0 } };
  given([signedUp()]).when(train).then([trained()], t);
  given([]).when(train).then('SW_ERR_NOT_FOUND', t);
  given([signedUp()]).when({ ...train, data: { ...train.data, volunteerId: 'v2' } }).then('SW_ERR_SCOPE_MISMATCH', t);
});

t.test('join a team that exists, once', async (t) => {
  const join = { type: 'JoinTeam' as const, data: { volunteerId: 'v1', teamId: 'youth-1', teamFormed: true, now: T0 } };
  const joined = { type: 'VolunteerJoinedTeam' as const, data: { districtId: 'hd', volunteerId: 'v1', teamId: 'youth-1', joinedAt: T0 } };
  given([signedUp()]).when(join).then([joined], t);
  given([signedUp(), joined]).when(join).then([], t);
  given([signedUp()]).when({ ...join, data: { ...join.data, teamFormed: false } }).then('SW_ERR_UNKNOWN_PARENT', t);
});

t.test('enlist as emergency reserve (储备应急)', async (t) => {
  const enlist = { type: 'EnlistAsReserve' as const, data: { volunteerId: 'v1', reserveLevel: 'institute_station' as const, now: T0 } };
  given([signedUp()]).when(enlist).then([
    { type: 'VolunteerEnlistedAsReserve', data: { districtId: 'hd', volunteerId: 'v1', reserveLevel: 'institute_station', enlistedAt: T0 } },
  ], t);
  const withdrew = { type: 'VolunteerWithdrew' as const, data: { districtId: 'hd', volunteerId: 'v1', withdrewAt: T0 } };
  given([signedUp(), withdrew]).when(enlist).then('SW_ERR_VOLUNTEER_WITHDRAWN', t);
});

t.test('availability changes only when it changes', async (t) => {
  const off = { type: 'ChangeAvailability' as const, data: { volunteerId: 'v1', available: false, now: T0 } };
  const changed = { type: 'VolunteerAvailabilityChanged' as const, data: { districtId: 'hd', volunteerId: 'v1', available: false, changedAt: T0 } };
  given([signedUp()]).when(off).then([changed], t);
  given([signedUp(), changed]).when(off).then([], t);
});

t.test('withdraw once', async (t) => {
  const withdraw = { type: 'WithdrawVolunteer' as const, data: { volunteerId: 'v1', reason: 'moved away', now: T0 } };
  const withdrew = { type: 'VolunteerWithdrew' as const, data: { districtId: 'hd', volunteerId: 'v1', reason: 'moved away', withdrewAt: T0 } };
  given([signedUp()]).when(withdraw).then([withdrew], t);
  given([signedUp(), withdrew]).when(withdraw).then('SW_ERR_VOLUNTEER_WITHDRAWN', t);
});

t.test('commands refuse unknown fields', async (t) => {
  t.throws(() => given([]).when({ ...signUp, data: { ...signUp.data, wechat: 'x' } }));
});
