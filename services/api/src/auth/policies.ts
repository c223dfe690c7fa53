import type { Access, Policy } from './access.js';

const pub: Policy = { public: true };
type Roles = Extract<Policy, { roles: unknown }>['roles'];

const read = (extra: Roles = {}): Policy => ({
  write: false,
  roles: { commander: 'district', dispatcher: 'district', donations_desk: 'district', auditor: 'district', ...extra },
});
const write = (roles: Roles): Policy => ({ write: true, roles });

const staff: Roles = { commander: 'district', dispatcher: 'district' };
const commanderOnly: Roles = { commander: 'district' };
const volunteerSelf: Record<'volunteer', Access> = { volunteer: 'self' };

/**
 * THE access table: every route, by `METHOD url` as registered. A route missing here is refused
 * (default deny); a test proves every registered route has an entry. Auditors only read.
 */
export const policies: Record<string, Policy> = {
  // operations and documentation
  'GET /healthz': pub,
  'GET /readyz': pub,
  'GET /metrics': pub,
  'GET /openapi.json': pub,
  'GET /docs': pub,
  'GET /docs/': pub,
  'GET /docs/json': pub,
  'GET /docs/yaml': pub,
  'GET /docs/uiConfig': pub,
  'GET /docs/initOAuth': pub,
  'GET /docs/static/*': pub,
  'GET /docs/static/index.html': pub,
  'GET /docs/static/swagger-initializer.js': pub,
  'GET /docs/*': pub,

  // organisation 组织架构
  'POST /v1/districts/:districtId/center': write(commanderOnly),
  'POST /v1/districts/:districtId/institutes': write(commanderOnly),
  'POST /v1/districts/:districtId/stations': write(commanderOnly),
  'GET /v1/districts/:districtId': read(),
  'GET /v1/districts/:districtId/history': read(),

  // teams 志愿服务队
  'POST /v1/teams': write(staff),
  'GET /v1/teams/:teamId': read(),
  'GET /v1/teams/:teamId/history': read(),

  // volunteers 志愿者
  'POST /v1/volunteers': write(staff),
  'POST /v1/volunteers/:volunteerId/trainings': write(staff),
  'POST /v1/volunteers/:volunteerId/teams': write(staff),
  'POST /v1/volunteers/:volunteerId/reserve': write(staff),
  'POST /v1/volunteers/:volunteerId/availability': write({ ...staff, ...volunteerSelf }),
  'POST /v1/volunteers/:volunteerId/withdrawal': write({ ...staff, ...volunteerSelf }),
  'GET /v1/volunteers/:volunteerId': read(volunteerSelf),
  'GET /v1/volunteers/:volunteerId/history': read(volunteerSelf),

  // dispatch 派单 / 接单 / 签到 / 完成
  'POST /v1/volunteers/:volunteerId/dispatches': write(staff),
  'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/acceptance': write(volunteerSelf),
  'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/decline': write(volunteerSelf),
  'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/expiry': write(staff),
  'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/check-in': write({ ...staff, ...volunteerSelf }),
  'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/completion': write({ ...staff, ...volunteerSelf }),
  'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/no-show': write(staff),
  'POST /v1/volunteers/:volunteerId/dispatches/:dispatchId/cancellation': write(staff),

  // posts 岗位
  'POST /v1/posts': write(staff),
  'POST /v1/posts/:postId/shifts': write(staff),
  'POST /v1/posts/:postId/staffing': write(staff),
  'POST /v1/posts/:postId/closure': write(staff),
  'GET /v1/posts/:postId': read(),
  'GET /v1/posts/:postId/history': read(),

  // response modes 平/战/急/极: only the command center
  'POST /v1/modes/:scope/switch': write(commanderOnly),
  'POST /v1/modes/:scope/plans': write(commanderOnly),
  'GET /v1/modes/:scope': read(),
  'GET /v1/modes/:scope/history': read(),

  // resident requests 点单 / 评单
  'POST /v1/requests': write(staff),
  'POST /v1/requests/:requestId/fulfilment': write(staff),
  'POST /v1/requests/:requestId/rating': write(staff),
  'GET /v1/requests/:requestId': read(),
  'GET /v1/requests/:requestId/history': read(),

  // donations 物资捐赠
  'POST /v1/donations/:donationId/pledge': write({ commander: 'district', donations_desk: 'district' }),
  'POST /v1/donations/:donationId/receipts': write({ commander: 'district', donations_desk: 'district' }),
  'POST /v1/donations/:donationId/distributions': write({ commander: 'district', donations_desk: 'district' }),
  'GET /v1/donations/:donationId': read(),
  'GET /v1/donations/:donationId/history': read(),
};

/** The policy of a registered route (HEAD shares GET's), or undefined: refuse. */
export function policyFor(method: string, url: string): Policy | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return policies[`${m} ${url}`];
}
