import { dataOf, put } from '../projection/helpers.js';
import type { Projection, ProjectedEvent, ViewChange, ViewLookup } from '../projection/types.js';
import { viewNames, type DonationStockDoc } from './docs.js';

const V = viewNames;
type Line = { item: string; unit: string; quantity: number; valueYuan?: number | undefined };
type Field = 'pledged' | 'received' | 'distributed';

function book(read: ViewLookup, districtId: string, lines: Line[], field: Field): ViewChange[] {
  // lines of one event for the same item and unit are summed before they are written
  const docs = new Map<string, DonationStockDoc>();
  for (const line of lines) {
    const key = `${districtId}|${line.item}|${line.unit}`;
    const doc = docs.get(key) ?? {
      ...(read<DonationStockDoc>(V.donationStock, key) ?? {
        districtId,
        item: line.item,
        unit: line.unit,
        pledged: 0,
        received: 0,
        distributed: 0,
        inStock: 0,
        valueYuanReceived: 0,
      }),
    };
    doc[field] += line.quantity;
    if (field === 'received') {
      doc.inStock += line.quantity;
      doc.valueYuanReceived += line.valueYuan ?? (line.unit === '元' ? line.quantity : 0);
    }
    if (field === 'distributed') doc.inStock -= line.quantity;
    docs.set(key, doc);
  }
  return [...docs].map(([key, doc]) => put(V.donationStock, key, districtId, doc));
}

function project(event: ProjectedEvent, read: ViewLookup): ViewChange[] {
  switch (event.type) {
    case 'DonationPledged': {
      const d = dataOf(event, 'DonationPledged');
      return book(read, d.districtId, d.lines, 'pledged');
    }
    case 'DonationReceived': {
      const d = dataOf(event, 'DonationReceived');
      return book(read, d.districtId, d.lines, 'received');
    }
    case 'DonationDistributed': {
      const d = dataOf(event, 'DonationDistributed');
      return book(read, d.districtId, d.lines, 'distributed');
    }
    default:
      return [];
  }
}

/** The donation ledger (物资台账) per district, item and unit. */
export const donationsProjection: Projection = {
  name: 'donations',
  eventTypes: ['DonationPledged', 'DonationReceived', 'DonationDistributed'],
  project,
};
