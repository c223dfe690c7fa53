import type { DonationCommand } from '../commands/index.js';
import type { DonationEvent, DonationLine } from '../events/index.js';
import { refuse } from '../errors.js';
import { assertNever, type Decider } from '../decider.js';
import { requireSameId } from './guards.js';

export type DonationState = {
  donation: { donationId: string; districtId: string; donorKind: string; pledged: boolean } | null;
  /** Stock on hand by stockKey(item, unit). */
  stock: Record<string, number>;
};

export const initialDonationState: DonationState = { donation: null, stock: {} };

/** Stock is kept per item and unit: 10 箱 of masks are not 10 只. */
export const stockKey = (item: string, unit: string): string => `${item}|${unit}`;

// Quantities may be decimals (千克, 升); a tolerance keeps float sums from refusing exact amounts.
const epsilon = 1e-9;

const totals = (lines: readonly DonationLine[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const l of lines) out[stockKey(l.item, l.unit)] = (out[stockKey(l.item, l.unit)] ?? 0) + l.quantity;
  return out;
};

const decide = (c: DonationCommand, s: DonationState): DonationEvent[] => {
  switch (c.type) {
    case 'PledgeDonation': {
      if (s.donation) refuse('SW_ERR_ALREADY_EXISTS', 'the donation is recorded already');
      const d = c.data;
      return [
        {
          type: 'DonationPledged',
          data: {
            districtId: d.districtId,
            donationId: d.donationId,
            donorKind: d.donorKind,
            ...(d.donorOrganisation === undefined ? {} : { donorOrganisation: d.donorOrganisation }),
            lines: d.lines,
            pledgedAt: d.now,
          },
        },
      ];
    }
    case 'ReceiveDonation': {
      const d = c.data;
      if (s.donation) {
        requireSameId(s.donation.donationId, d.donationId, 'donation');
        if (s.donation.districtId !== d.districtId) refuse('SW_ERR_SCOPE_MISMATCH', 'the donation belongs to another desk');
      }
      return [
        { type: 'DonationReceived', data: { districtId: d.districtId, donationId: d.donationId, donorKind: d.donorKind, lines: d.lines, receivedAt: d.now } },
      ];
    }
    case 'DistributeDonation': {
      const don = s.donation ?? refuse('SW_ERR_NOT_FOUND', 'no such donation');
      requireSameId(don.donationId, c.data.donationId, 'donation');
      for (const [key, wanted] of Object.entries(totals(c.data.lines))) {
        const onHand = s.stock[key] ?? 0;
        if (wanted > onHand + epsilon) refuse('SW_ERR_INSUFFICIENT_STOCK', `${key}: ${wanted} wanted, ${onHand} on hand`);
      }
      return [
        {
          type: 'DonationDistributed',
          data: {
            districtId: don.districtId,
            donationId: don.donationId,
            lines: c.data.lines,
            recipient: c.data.recipient,
            distributedAt: c.data.now,
          },
        },
      ];
    }
    default:
      return assertNever(c);
  }
};

const addStock = (stock: Record<string, number>, lines: readonly DonationLine[], sign: 1 | -1): Record<string, number> => {
  const out = { ...stock };
  for (const [key, q] of Object.entries(totals(lines))) out[key] = (out[key] ?? 0) + sign * q;
  return out;
};

const evolve = (s: DonationState, e: DonationEvent): DonationState => {
  switch (e.type) {
    case 'DonationPledged':
      return { ...s, donation: { donationId: e.data.donationId, districtId: e.data.districtId, donorKind: e.data.donorKind, pledged: true } };
    case 'DonationReceived':
      return {
        donation: s.donation ?? { donationId: e.data.donationId, districtId: e.data.districtId, donorKind: e.data.donorKind, pledged: false },
        stock: addStock(s.stock, e.data.lines, 1),
      };
    case 'DonationDistributed':
      return { ...s, stock: addStock(s.stock, e.data.lines, -1) };
    default:
      return assertNever(e);
  }
};

/** donation-<id>: pledge, receipts and distributions; stock never below zero per item and unit. */
export const donationDecider: Decider<DonationCommand, DonationEvent, DonationState> = {
  decide,
  evolve,
  initialState: initialDonationState,
};
