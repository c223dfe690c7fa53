import t from 'tap';
import { given } from '@shouwang/domain/testing';
import type { DomainEvent } from '../src/index.js';
import { T0 } from './support/fixtures.js';

const center: DomainEvent = { type: 'DistrictCenterRegistered', data: { districtId: 'hd', centerName: '海淀区新时代文明实践中心', registeredAt: T0 } };
const institute: DomainEvent = {
  type: 'InstituteRegistered',
  data: { districtId: 'hd', instituteId: 'i1', instituteName: '学院路街道实践所', registeredAt: T0 },
};
const station: DomainEvent = {
  type: 'StationRegistered',
  data: { districtId: 'hd', instituteId: 'i1', stationId: 's1', stationName: '某某社区实践站', registeredAt: T0 },
};
const registerCenter = { type: 'RegisterDistrictCenter' as const, data: { districtId: 'hd', centerName: '海淀区新时代文明实践中心', now: T0 } };
const registerInstitute = { type: 'RegisterInstitute' as const, data: { districtId: 'hd', instituteId: 'i1', instituteName: '学院路街道实践所', now: T0 } };
const registerStation = { type: 'RegisterStation' as const, data: { districtId: 'hd', instituteId: 'i1', stationId: 's1', stationName: '某某社区实践站', now: T0 } };

t.test('center 中心 → institute 所 → station 站, each once', async (t) => {
  given([]).when(registerCenter).then([center], t);
  given([center]).when(registerCenter).then('SW_ERR_ALREADY_EXISTS', t);
  given([center]).when(registerInstitute).then([institute], t);
  given([]).when(registerInstitute).then('SW_ERR_UNKNOWN_PARENT', t);
  given([center, institute]).when(registerInstitute).then('SW_ERR_ALREADY_EXISTS', t);
  given([center, institute]).when(registerStation).then([station], t);
  given([center]).when(registerStation).then('SW_ERR_UNKNOWN_PARENT', t);
  given([center, institute, station]).when(registerStation).then('SW_ERR_ALREADY_EXISTS', t);
  given([center]).when({ ...registerInstitute, data: { ...registerInstitute.data, districtId: 'dx' } }).then('SW_ERR_SCOPE_MISMATCH', t);
});

const form = (teamId: string, level: string, parent?: { teamId: string; level: string | null }) => ({
  type: 'FormTeam' as const,
  data: { teamId, districtId: 'hd', teamName: '青年突击队', level, kind: 'youth', ...(parent ? { parent } : {}), now: T0 },
});
const formed = (teamId: string, level: string, parentTeamId?: string): DomainEvent =>
  ({
    type: 'TeamFormed',
    data: { districtId: 'hd', teamId, teamName: '青年突击队', level, kind: 'youth', ...(parentTeamId ? { parentTeamId } : {}), formedAt: T0 },
  }) as DomainEvent;

t.test('teams: 总队 > 分队 > 小队, formed once', async (t) => {
  given([]).when(form('t1', 'corps')).then([formed('t1', 'corps')], t);
  given([]).when(form('t2', 'squad', { teamId: 't1', level: 'detachment' })).then([formed('t2', 'squad', 't1')], t);
  given([]).when(form('t2', 'detachment', { teamId: 't1', level: 'squad' })).then('SW_ERR_TEAM_HIERARCHY', t);
  given([]).when(form('t2', 'corps', { teamId: 't1', level: 'corps' })).then('SW_ERR_TEAM_HIERARCHY', t);
  given([]).when(form('t2', 'squad', { teamId: 't1', level: null })).then('SW_ERR_UNKNOWN_PARENT', t);
  given([formed('t1', 'corps')]).when(form('t1', 'corps')).then('SW_ERR_ALREADY_EXISTS', t);
});
