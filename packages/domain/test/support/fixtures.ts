import { defaultPlans, type DomainEvent, type ModePlan, type ResponseMode } from '../../src/index.js';

// A small world: district hd (海淀) with stations s1, s2; district dx (大兴) with station s9.
export const T0 = '2026-03-01T08:00:00.000Z';
export const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export const signedUp = (
  volunteerId = 'v1',
  over: Partial<{ districtId: string; homeStationId: string; agencyId: string; skills: string[] }> = {},
): DomainEvent => ({
  type: 'VolunteerSignedUp',
  data: {
    districtId: over.districtId ?? 'hd',
    volunteerId,
    homeStationId: over.homeStationId ?? 's1',
    name: 'Zhang Wei',
    phone: '13800138000',
    idNumber: '110101199001011234',
    skills: over.skills ?? [],
    ...(over.agencyId ? { agencyId: over.agencyId } : {}),
    signedUpAt: T0,
  },
});

export const trained = (volunteerId = 'v1', skills = ['checkpoint_duty'], districtId = 'hd'): DomainEvent => ({
  type: 'VolunteerTrained',
  data: { districtId, volunteerId, course: '岗前培训: 卡点执勤', skillsGranted: skills, trainedAt: T0 },
});

export const enlisted = (volunteerId = 'v1', districtId = 'hd'): DomainEvent => ({
  type: 'VolunteerEnlistedAsReserve',
  data: { districtId, volunteerId, reserveLevel: 'district', enlistedAt: T0 },
});

export type ShiftWindow = { shiftId: string; start: string; end: string };
export const morning: ShiftWindow = { shiftId: 'am', start: at(60), end: at(300) };
export const afternoon: ShiftWindow = { shiftId: 'pm', start: at(300), end: at(540) };
export const midday: ShiftWindow = { shiftId: 'mid', start: at(240), end: at(420) };

export const postOpened = (
  postId = 'p1',
  over: Partial<{ districtId: string; stationId: string; kind: string; requiredSkills: string[]; staffing: Record<ResponseMode, number> }> = {},
): DomainEvent =>
  ({
    type: 'PostOpened',
    data: {
      districtId: over.districtId ?? 'hd',
      postId,
      stationId: over.stationId ?? 's1',
      pointName: '学院路卡点',
      kind: over.kind ?? 'checkpoint',
      requiredSkills: over.requiredSkills ?? ['checkpoint_duty'],
      shifts: [morning, afternoon, midday],
      staffing: over.staffing ?? { normal: 1, combat: 2, emergency: 3, extreme: 4 },
      openedAt: T0,
    },
  }) as DomainEvent;

export const postTarget = (
  over: Partial<{ postId: string; shift: ShiftWindow; stationId: string; districtId: string; postKind: string; requiredSkills: string[] }> = {},
) => {
  const shift = over.shift ?? morning;
  return {
    kind: 'post_shift' as const,
    postId: over.postId ?? 'p1',
    shiftId: shift.shiftId,
    postKind: (over.postKind ?? 'checkpoint') as 'checkpoint',
    stationId: over.stationId ?? 's1',
    districtId: over.districtId ?? 'hd',
    requiredSkills: over.requiredSkills ?? ['checkpoint_duty'],
    start: shift.start,
    end: shift.end,
  };
};

export const modeCtx = (mode: ResponseMode = 'combat', plan: ModePlan = defaultPlans[mode]) => ({ mode, plan });

export const dispatchCmd = (
  over: Partial<{ dispatchId: string; volunteerId: string; target: unknown; mode: ResponseMode; plan: ModePlan; respondBy: string; now: string }> = {},
) => ({
  type: 'DispatchVolunteer' as const,
  data: {
    dispatchId: over.dispatchId ?? 'd1',
    volunteerId: over.volunteerId ?? 'v1',
    target: over.target ?? postTarget(),
    mode: over.mode ?? 'combat',
    plan: over.plan ?? defaultPlans[over.mode ?? 'combat'],
    respondBy: over.respondBy ?? at(30),
    now: over.now ?? T0,
  },
});

/** The VolunteerDispatched that dispatchCmd(over) decides for a volunteer of hd. */
export const dispatched = (
  over: Partial<{ dispatchId: string; volunteerId: string; target: ReturnType<typeof postTarget> | Record<string, unknown>; mode: ResponseMode; homeDistrictId: string; respondBy: string }> = {},
): DomainEvent => {
  const target = (over.target ?? postTarget()) as ReturnType<typeof postTarget>;
  return {
    type: 'VolunteerDispatched',
    data: {
      districtId: target.districtId,
      volunteerId: over.volunteerId ?? 'v1',
      dispatchId: over.dispatchId ?? 'd1',
      homeDistrictId: over.homeDistrictId ?? 'hd',
      target,
      mode: over.mode ?? 'combat',
      respondBy: over.respondBy ?? at(30),
      dispatchedAt: T0,
    },
  };
};

export const ref = (dispatchId = 'd1', volunteerId = 'v1', districtId = 'hd') => ({ districtId, volunteerId, dispatchId });

export const accepted = (dispatchId = 'd1', volunteerId = 'v1', when = at(10)): DomainEvent => ({
  type: 'DispatchAccepted',
  data: { ...ref(dispatchId, volunteerId), acceptedAt: when },
});

export const checkedIn = (dispatchId = 'd1', volunteerId = 'v1', when = at(55)): DomainEvent => ({
  type: 'VolunteerCheckedIn',
  data: { ...ref(dispatchId, volunteerId), checkedInAt: when },
});

export const seat = (dispatchId: string, volunteerId: string, shiftId = 'am', mode: ResponseMode = 'combat', postId = 'p1'): DomainEvent => ({
  type: 'PostShiftAssigned',
  data: { districtId: 'hd', postId, shiftId, dispatchId, volunteerId, mode, assignedAt: T0 },
});

export const actor = { role: 'commander', id: 'cmd-1' };
