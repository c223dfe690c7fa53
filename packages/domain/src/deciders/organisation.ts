import type { OrganisationCommand } from '../commands/index.js';
import type { OrganisationEvent } from '../events/index.js';
import { refuse } from '../errors.js';
import { assertNever, type Decider } from '../decider.js';

export type OrganisationState = {
  districtId: string | null;
  centerRegistered: boolean;
  institutes: Record<string, true>;
  /** stationId -> instituteId */
  stations: Record<string, string>;
};

export const initialOrganisationState: OrganisationState = { districtId: null, centerRegistered: false, institutes: {}, stations: {} };

const decide = (c: OrganisationCommand, s: OrganisationState): OrganisationEvent[] => {
  if (s.districtId !== null && s.districtId !== c.data.districtId) {
    refuse('SW_ERR_SCOPE_MISMATCH', 'the command names another district than the stream');
  }
  switch (c.type) {
    case 'RegisterDistrictCenter':
      if (s.centerRegistered) refuse('SW_ERR_ALREADY_EXISTS', 'the district center is registered already');
      return [{ type: 'DistrictCenterRegistered', data: { districtId: c.data.districtId, centerName: c.data.centerName, registeredAt: c.data.now } }];
    case 'RegisterInstitute':
      if (!s.centerRegistered) refuse('SW_ERR_UNKNOWN_PARENT', 'register the district center first');
      if (s.institutes[c.data.instituteId]) refuse('SW_ERR_ALREADY_EXISTS', 'the institute is registered already');
      return [
        {
          type: 'InstituteRegistered',
          data: { districtId: c.data.districtId, instituteId: c.data.instituteId, instituteName: c.data.instituteName, registeredAt: c.data.now },
        },
      ];
    case 'RegisterStation':
      if (!s.institutes[c.data.instituteId]) refuse('SW_ERR_UNKNOWN_PARENT', 'no such institute in this district');
      if (s.stations[c.data.stationId]) refuse('SW_ERR_ALREADY_EXISTS', 'the station is registered already');
      return [
        {
          type: 'StationRegistered',
          data: {
            districtId: c.data.districtId,
            instituteId: c.data.instituteId,
            stationId: c.data.stationId,
            stationName: c.data.stationName,
            registeredAt: c.data.now,
          },
        },
      ];
    default:
      return assertNever(c);
  }
};

const evolve = (s: OrganisationState, e: OrganisationEvent): OrganisationState => {
  switch (e.type) {
    case 'DistrictCenterRegistered':
      return { ...s, districtId: e.data.districtId, centerRegistered: true };
    case 'InstituteRegistered':
      return { ...s, districtId: e.data.districtId, institutes: { ...s.institutes, [e.data.instituteId]: true } };
    case 'StationRegistered':
      return { ...s, districtId: e.data.districtId, stations: { ...s.stations, [e.data.stationId]: e.data.instituteId } };
    default:
      return assertNever(e);
  }
};

/** org-<districtId>: the district's center, institutes and stations. */
export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  decide,
  evolve,
  initialState: initialOrganisationState,
};
