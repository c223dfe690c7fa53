import { dataOf, put } from '../projection/helpers.js';
import type { Projection, ProjectedEvent, ViewChange, ViewLookup } from '../projection/types.js';
import { dayOf, hourOf } from '../queries/period.js';
import { viewNames, type ActivityDoc, type PostDoc, type PointStaffedDoc, type ServiceRecordDoc } from './docs.js';

const V = viewNames;

const emptyActivity = (districtId: string, hour: string): ActivityDoc => ({
  districtId,
  hour,
  personTimes: 0,
  serviceHours: 0,
  householdsScreened: 0,
  enterprisesChecked: 0,
  areaDisinfectedM2: 0,
  sampleTrips: 0,
  hotlineCalls: 0,
  requestsSolved: 0,
  suppliesDistributed: 0,
  donationValueYuan: 0,
});

/** Adds to the activity of a district in the hour (UTC) of a business time. */
function add(read: ViewLookup, districtId: string, at: string, fn: (a: ActivityDoc) => void): ViewChange {
  const hour = hourOf(at);
  const key = `${districtId}|${hour}`;
  const doc = { ...(read<ActivityDoc>(V.activity, key) ?? emptyActivity(districtId, hour)) };
  fn(doc);
  return put(V.activity, key, districtId, doc, { t: hour });
}

/** A point (点位) is a named place at a station; several posts may share it. */
export const pointIdOf = (post: Pick<PostDoc, 'stationId' | 'pointName'>) => `${post.stationId ?? '-'}/${post.pointName ?? '-'}`;

function project(event: ProjectedEvent, read: ViewLookup): ViewChange[] {
  switch (event.type) {
    case 'ServiceCompleted': {
      const d = dataOf(event, 'ServiceCompleted');
      if (read(V.serviceRecord, d.dispatchId)) return [];
      const post = d.postId ? read<PostDoc>(V.post, d.postId) : undefined;
      const record: ServiceRecordDoc = {
        serviceId: d.dispatchId,
        volunteerId: d.volunteerId,
        districtId: d.districtId,
        stationId: d.stationId,
        postId: d.postId ?? null,
        requestId: d.requestId ?? null,
        kind: post?.kind ?? (d.requestId ? 'request' : null),
        place: post ? pointIdOf(post) : d.stationId,
        checkedInAt: d.checkedInAt,
        completedAt: d.completedAt,
        hours: d.hours,
        position: event.position.toString(),
        eventId: event.id,
      };
      const o = d.outcome;
      const changes = [
        put(V.serviceRecord, d.dispatchId, d.districtId, record, { t: d.completedAt, subject: d.volunteerId }),
        add(read, d.districtId, d.completedAt, (a) => {
          a.personTimes += 1;
          a.serviceHours += d.hours;
          a.householdsScreened += o.householdsScreened ?? 0;
          a.enterprisesChecked += o.enterprisesChecked ?? 0;
          a.areaDisinfectedM2 += o.areaDisinfectedM2 ?? 0;
          a.sampleTrips += o.sampleTrips ?? 0;
          a.hotlineCalls += o.callsAnswered ?? 0;
        }),
      ];
      if (post) {
        const day = dayOf(d.completedAt);
        const pointId = pointIdOf(post);
        const point: PointStaffedDoc = { districtId: d.districtId, pointId, day };
        changes.push(put(V.pointStaffed, `${d.districtId}|${pointId}|${day}`, d.districtId, point, { t: day, subject: pointId }));
      }
      return changes;
    }
    case 'RequestFulfilled': {
      const d = dataOf(event, 'RequestFulfilled');
      return [add(read, d.districtId, d.fulfilledAt, (a) => (a.requestsSolved += 1))];
    }
    case 'DonationDistributed': {
      const d = dataOf(event, 'DonationDistributed');
      const pieces = d.lines.filter((l) => l.unit !== '元').reduce((n, l) => n + l.quantity, 0);
      return [add(read, d.districtId, d.distributedAt, (a) => (a.suppliesDistributed += pieces))];
    }
    case 'DonationReceived': {
      const d = dataOf(event, 'DonationReceived');
      const value = d.lines.reduce((n, l) => n + (l.valueYuan ?? (l.unit === '元' ? l.quantity : 0)), 0);
      return [add(read, d.districtId, d.receivedAt, (a) => (a.donationValueYuan += value))];
    }
    default:
      return [];
  }
}

/**
 * Service records (志愿服务记录), hourly activity per district (the briefing figures) and the points
 * staffed per day. Business times from the events decide the bucket, so a replay lands them identically.
 */
export const activityProjection: Projection = {
  name: 'activity',
  eventTypes: ['ServiceCompleted', 'RequestFulfilled', 'DonationDistributed', 'DonationReceived'],
  project,
};
