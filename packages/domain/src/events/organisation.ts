import { z } from 'zod';
import { DistrictId, Id, IsoDateTime, ShortText } from '../primitives.js';
import { eventOf } from '../schema.js';

/** 新时代文明实践中心: one per district, on stream org-<districtId>. */
export const DistrictCenterRegistered = eventOf(
  'DistrictCenterRegistered',
  z.object({
    districtId: DistrictId,
    centerName: ShortText.describe('Name of the district practice center (实践中心)'),
    registeredAt: IsoDateTime,
  }),
  'A district registered its civilization-practice center (新时代文明实践中心).',
);
export type DistrictCenterRegistered = z.infer<typeof DistrictCenterRegistered>;

/** 实践所 of a street or township. */
export const InstituteRegistered = eventOf(
  'InstituteRegistered',
  z.object({
    districtId: DistrictId,
    instituteId: Id.describe('Practice institute (实践所) id'),
    instituteName: ShortText.describe('Street/township institute name'),
    registeredAt: IsoDateTime,
  }),
  'A street/township practice institute (实践所) was registered under the district center.',
);
export type InstituteRegistered = z.infer<typeof InstituteRegistered>;

/** 实践站 of a community or village; a volunteer's home station. */
export const StationRegistered = eventOf(
  'StationRegistered',
  z.object({
    districtId: DistrictId,
    instituteId: Id.describe('Institute the station belongs to'),
    stationId: Id.describe('Practice station (实践站) id'),
    stationName: ShortText.describe('Community/village station name'),
    registeredAt: IsoDateTime,
  }),
  'A community/village practice station (实践站) was registered under an institute.',
);
export type StationRegistered = z.infer<typeof StationRegistered>;
