import { z } from 'zod';
import { deciders, donationStream, modeStream, orgStream, postStream, requestStream, teamStream, volunteerStream, type DistrictScope } from '@shouwang/domain';
import { DistrictParams, DonationParams, PostParams, RequestParams, ScopeParams, VolunteerParams } from '../commands/routes/schemas.js';
import type { StepDecider } from '../commands/fold.js';
import { Id } from '@shouwang/domain';

/** An aggregate the API can read: where it lives and how its stream folds. */
export interface ReadableAggregate {
  path: string;
  tag: string;
  noun: string;
  params: z.ZodObject;
  stream(params: Record<string, string>): string;
  decider: StepDecider<never, unknown>;
  /** A scope without a stream still has a state: every scope starts in 平. */
  existsAlways?: (params: Record<string, string>) => string;
}

const d = (x: object) => x as StepDecider<never, unknown>;

export const readableAggregates: ReadableAggregate[] = [
  { path: '/v1/volunteers/:volunteerId', tag: 'volunteers 志愿者', noun: 'volunteer', params: VolunteerParams, stream: (p) => volunteerStream(p.volunteerId!), decider: d(deciders.volunteer) },
  { path: '/v1/posts/:postId', tag: 'posts 岗位', noun: 'post', params: PostParams, stream: (p) => postStream(p.postId!), decider: d(deciders.post) },
  { path: '/v1/requests/:requestId', tag: 'requests 点单', noun: 'resident request', params: RequestParams, stream: (p) => requestStream(p.requestId!), decider: d(deciders.request) },
  { path: '/v1/donations/:donationId', tag: 'donations 物资捐赠', noun: 'donation', params: DonationParams, stream: (p) => donationStream(p.donationId!), decider: d(deciders.donation) },
  { path: '/v1/teams/:teamId', tag: 'teams 队伍', noun: 'team', params: z.strictObject({ teamId: Id }), stream: (p) => teamStream(p.teamId!), decider: d(deciders.team) },
  { path: '/v1/modes/:scope', tag: 'modes 平战急极', noun: 'response mode of a scope', params: ScopeParams, stream: (p) => modeStream(p.scope as DistrictScope), decider: d(deciders.mode), existsAlways: (p) => p.scope! },
  { path: '/v1/districts/:districtId', tag: 'organisation 组织', noun: 'district organisation', params: DistrictParams, stream: (p) => orgStream(p.districtId!), decider: d(deciders.org) },
];
