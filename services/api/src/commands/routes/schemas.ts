import { z } from 'zod';
import { DistrictId, DistrictScope, Id, commandSchemas, type CommandType } from '@shouwang/domain';

/** The data schema of a domain command (strict: unknown fields are refused). */
export const dataOf = <T extends CommandType>(type: T): (typeof commandSchemas)[T]['shape']['data'] =>
  commandSchemas[type].shape.data;

export const VolunteerParams = z.strictObject({ volunteerId: Id });
export const DispatchParams = z.strictObject({ volunteerId: Id, dispatchId: Id });
export const PostParams = z.strictObject({ postId: Id });
export const RequestParams = z.strictObject({ requestId: Id });
export const DonationParams = z.strictObject({ donationId: Id });
export const DistrictParams = z.strictObject({ districtId: DistrictId });
export const ScopeParams = z.strictObject({ scope: DistrictScope });
export const NoParams = z.strictObject({});
export const EmptyBody = z.strictObject({}).describe('No fields');
