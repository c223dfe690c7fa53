import { donationDecider, donationStream } from '@shouwang/domain';
import { singleStep } from '../single.js';
import { dataOf, DonationParams } from './schemas.js';

const tag = 'donations 物资捐赠';
const decider = donationDecider as never;
const own = { params: DonationParams, decider, stream: (p: { donationId: string }) => donationStream(p.donationId) };

/** The donations desk: pledges, receipts, distributions. */
export const donationRoutes = [
  singleStep({
    ...own,
    url: '/v1/donations/:donationId/pledge',
    commandType: 'PledgeDonation',
    summary: 'Record a donor\'s pledge',
    tag,
    body: dataOf('PledgeDonation').omit({ donationId: true, now: true }),
    data: (p, b) => ({ ...b, donationId: p.donationId }),
  }),
  singleStep({
    ...own,
    url: '/v1/donations/:donationId/receipts',
    commandType: 'ReceiveDonation',
    summary: 'Record supplies or money received',
    tag,
    body: dataOf('ReceiveDonation').omit({ donationId: true, now: true }),
    data: (p, b) => ({ ...b, donationId: p.donationId }),
  }),
  singleStep({
    ...own,
    url: '/v1/donations/:donationId/distributions',
    commandType: 'DistributeDonation',
    summary: 'Distribute received stock',
    tag,
    body: dataOf('DistributeDonation').omit({ donationId: true, now: true }),
    data: (p, b) => ({ ...b, donationId: p.donationId }),
  }),
];
