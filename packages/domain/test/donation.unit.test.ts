import t from 'tap';
import { given } from '@shouwang/domain/testing';
import type { DomainEvent } from '../src/index.js';
import { T0 } from './support/fixtures.js';

const masks = (quantity: number) => ({ item: '口罩', unit: '只' as const, quantity });
const ref = { districtId: 'hd', donationId: 'g1' };
const received = (...lines: { item: string; unit: '只' | '箱' | '元'; quantity: number }[]): DomainEvent => ({
  type: 'DonationReceived',
  data: { ...ref, donorKind: 'company', lines, receivedAt: T0 },
});
const recipient = { kind: 'station' as const, id: 's1' };
const distribute = (...lines: ReturnType<typeof masks>[]) => ({ type: 'DistributeDonation' as const, data: { donationId: 'g1', lines, recipient, now: T0 } });
const distributed = (...lines: ReturnType<typeof masks>[]): DomainEvent => ({
  type: 'DonationDistributed',
  data: { ...ref, lines, recipient, distributedAt: T0 },
});

t.test('pledge once; receive with or without a pledge', async (t) => {
  const pledge = {
    type: 'PledgeDonation' as const,
    data: { ...ref, donorKind: 'company', donorOrganisation: '某某医药公司', lines: [{ ...masks(10000), valueYuan: 5000 }], now: T0 },
  };
  const pledged: DomainEvent = {
    type: 'DonationPledged',
    data: { ...ref, donorKind: 'company', donorOrganisation: '某某医药公司', lines: [{ ...masks(10000), valueYuan: 5000 }], pledgedAt: T0 },
  };
  given([]).when(pledge).then([pledged], t);
  given([pledged]).when(pledge).then('SW_ERR_ALREADY_EXISTS', t);
  const receive = { type: 'ReceiveDonation' as const, data: { ...ref, donorKind: 'company', lines: [masks(8000)], now: T0 } };
  given([pledged]).when(receive).then([received(masks(8000))], t);
  given([]).when(receive).then([received(masks(8000))], t);
  given([pledged]).when({ ...receive, data: { ...receive.data, districtId: 'dx' } }).then('SW_ERR_SCOPE_MISMATCH', t);
});

t.test('distribution never exceeds the stock received, per item and unit', async (t) => {
  given([received(masks(100))]).when(distribute(masks(100))).then([distributed(masks(100))], t);
  given([received(masks(100))]).when(distribute(masks(101))).then('SW_ERR_INSUFFICIENT_STOCK', t);
  given([received(masks(100)), distributed(masks(60))]).when(distribute(masks(41))).then('SW_ERR_INSUFFICIENT_STOCK', t);
  given([received(masks(100)), distributed(masks(60))]).when(distribute(masks(40))).then([distributed(masks(40))], t);
  t.test('lines of one command add up', async (t) => {
    given([received(masks(100))]).when(distribute(masks(60), masks(60))).then('SW_ERR_INSUFFICIENT_STOCK', t);
  });
  t.test('boxes are not pieces', async (t) => {
    given([received({ item: '口罩', unit: '箱', quantity: 50 })]).when(distribute(masks(1))).then('SW_ERR_INSUFFICIENT_STOCK', t);
  });
  t.test('nothing to distribute from a donation never recorded', async (t) => {
    given([]).when(distribute(masks(1))).then('SW_ERR_NOT_FOUND', t);
  });
});
