import { z } from 'zod';
import { DistrictScope, Id, IsoDateTime, ShortText } from '../primitives.js';
import { eventOf } from '../schema.js';

export const DonationUnit = z
  .enum(['只', '件', '箱', '瓶', '袋', '个', '副', '套', '台', '份', '千克', '升', '元'])
  .describe('Unit: 只 pieces, 件 cases, 箱 boxes, 瓶 bottles, … 元 yuan for money');
export type DonationUnit = z.infer<typeof DonationUnit>;

export const DonationLine = z
  .object({
    item: ShortText.describe('Item, e.g. 口罩 masks, 84消毒液, 方便面, cash'),
    unit: DonationUnit,
    quantity: z.number().positive().max(1e9).describe('Quantity in the unit'),
    valueYuan: z.number().min(0).max(1e10).optional().describe('Value in 元 where known'),
  })
  .describe('One item line');
export type DonationLine = z.infer<typeof DonationLine>;

export const DonorKind = z.enum(['company', 'organisation', 'individual', 'anonymous']).describe('Kind of donor');
export type DonorKind = z.infer<typeof DonorKind>;

const donationRef = { districtId: DistrictScope.describe('District desk that handles it, or "city"'), donationId: Id };

export const DonationPledged = eventOf(
  'DonationPledged',
  z.object({
    ...donationRef,
    donorKind: DonorKind,
    donorOrganisation: ShortText.optional().describe('Company/organisation name (never a private person\'s name)'),
    lines: z.array(DonationLine).min(1).describe('What was pledged'),
    pledgedAt: IsoDateTime,
  }),
  'A donor pledged supplies or money (物资捐赠).',
);
export type DonationPledged = z.infer<typeof DonationPledged>;

export const DonationReceived = eventOf(
  'DonationReceived',
  z.object({ ...donationRef, donorKind: DonorKind, lines: z.array(DonationLine).min(1).describe('What was received'), receivedAt: IsoDateTime }),
  'The center received donated supplies or money into stock.',
);
export type DonationReceived = z.infer<typeof DonationReceived>;

export const DonationDistributed = eventOf(
  'DonationDistributed',
  z.object({
    ...donationRef,
    lines: z.array(DonationLine).min(1).describe('What was distributed'),
    recipient: z
      .object({
        kind: z.enum(['station', 'post', 'team', 'volunteers', 'residents']).describe('Kind of recipient'),
        id: Id.optional().describe('Station/post/team id'),
      })
      .describe('Who got it'),
    distributedAt: IsoDateTime,
  }),
  'Donated stock was distributed; never more than received, per item and unit.',
);
export type DonationDistributed = z.infer<typeof DonationDistributed>;
