import { z } from 'zod';
import { DistrictId, Id, IsoDateTime, ShortText } from '../primitives.js';
import { commandOf } from '../schema.js';

export const RegisterDistrictCenter = commandOf(
  'RegisterDistrictCenter',
  z.strictObject({ districtId: DistrictId, centerName: ShortText, now: IsoDateTime }),
  'Register the district practice center (实践中心).',
);
export type RegisterDistrictCenter = z.infer<typeof RegisterDistrictCenter>;

export const RegisterInstitute = commandOf(
  'RegisterInstitute',
  z.strictObject({ districtId: DistrictId, instituteId: Id, instituteName: ShortText, now: IsoDateTime }),
  'Register a street/township institute (实践所) under the district center.',
);
export type RegisterInstitute = z.infer<typeof RegisterInstitute>;

export const RegisterStation = commandOf(
  'RegisterStation',
  z.strictObject({ districtId: DistrictId, instituteId: Id, stationId: Id, stationName: ShortText, now: IsoDateTime }),
  'Register a community/village station (实践站) under an institute.',
);
export type RegisterStation = z.infer<typeof RegisterStation>;
