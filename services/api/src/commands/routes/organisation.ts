import { organisationDecider, orgStream } from '@shouwang/domain';
import { singleStep } from '../single.js';
import { dataOf, DistrictParams } from './schemas.js';

const tag = 'organisation 组织';
const decider = organisationDecider as never;

/** 实践中心 / 实践所 / 实践站 of a district, on org-<districtId>. */
export const organisationRoutes = [
  singleStep({
    url: '/v1/districts/:districtId/center',
    commandType: 'RegisterDistrictCenter',
    summary: 'Register the district practice center (新时代文明实践中心)',
    tag,
    params: DistrictParams,
    body: dataOf('RegisterDistrictCenter').omit({ districtId: true, now: true }),
    decider,
    stream: (p) => orgStream(p.districtId),
    data: (p, b) => ({ ...b, districtId: p.districtId }),
  }),
  singleStep({
    url: '/v1/districts/:districtId/institutes',
    commandType: 'RegisterInstitute',
    summary: 'Register a street/township institute (实践所)',
    tag,
    params: DistrictParams,
    body: dataOf('RegisterInstitute').omit({ districtId: true, now: true }),
    decider,
    stream: (p) => orgStream(p.districtId),
    data: (p, b) => ({ ...b, districtId: p.districtId }),
  }),
  singleStep({
    url: '/v1/districts/:districtId/stations',
    commandType: 'RegisterStation',
    summary: 'Register a community/village station (实践站)',
    tag,
    params: DistrictParams,
    body: dataOf('RegisterStation').omit({ districtId: true, now: true }),
    decider,
    stream: (p) => orgStream(p.districtId),
    data: (p, b) => ({ ...b, districtId: p.districtId }),
  }),
];
