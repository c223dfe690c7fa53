import type { ViewReader } from '../store/viewReader.js';
import { viewNames, type DonationStockDoc } from '../views/docs.js';

/** The donation ledger (物资台账): pledged, received, distributed and in stock per item and unit. */
export function donationLedger(reader: ViewReader, districtId: string) {
  const rows = reader.list<DonationStockDoc>(viewNames.donationStock, districtId === 'city' ? {} : { districtId });
  if (districtId !== 'city') return { districtId, items: rows };
  const merged = new Map<string, DonationStockDoc>();
  for (const r of rows) {
    const key = `${r.item}\u0000${r.unit}`;
    const m = merged.get(key) ?? { ...r, districtId: 'city', pledged: 0, received: 0, distributed: 0, inStock: 0, valueYuanReceived: 0 };
    m.pledged += r.pledged;
    m.received += r.received;
    m.distributed += r.distributed;
    m.inStock += r.inStock;
    m.valueYuanReceived += r.valueYuanReceived;
    merged.set(key, m);
  }
  return { districtId, items: [...merged.values()].sort((a, b) => a.item.localeCompare(b.item) || a.unit.localeCompare(b.unit)) };
}
