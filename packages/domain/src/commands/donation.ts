import { z } from 'zod';
import { DistrictScope, Id, IsoDateTime, ShortText } from '../primitives.js';
import { DonationLine, DonorKind } from '../events/donation.js';
import { commandOf } from '../schema.js';

const Lines = z.array(z.strictObject(DonationLine.shape)).min(1).max(200);

export const PledgeDonation = commandOf(
  'PledgeDonation',
  z.strictObject({
    donationId: Id,
    districtId: DistrictScope,
    donorKind: DonorKind,
    donorOrganisation: ShortText.optional(),
    lines: Lines,
    now: IsoDateTime,
  }),
  'Record a donor\'s pledge.',
);
export type PledgeDonation = z.infer<typeof PledgeDonation>;

export const ReceiveDonation = commandOf(
  'ReceiveDonation',
  z.strictObject({ donationId: Id, districtId: DistrictScope, donorKind: DonorKind, lines: Lines, now: IsoDateTime }),
  'Record supplies or money received (with or without an earlier pledge).',
);
export type ReceiveDonation = z.infer<typeof ReceiveDonation>;

export const DistributeDonation = commandOf(
  'DistributeDonation',
  z.strictObject({
    donationId: Id,
    lines: Lines,
    recipient: z.strictObject({ kind: z.enum(['station', 'post', 'team', 'volunteers', 'residents']), id: Id.optional() }),
    now: IsoDateTime,
  }),
  'Distribute received stock.',
);
export type DistributeDonation = z.infer<typeof DistributeDonation>;
