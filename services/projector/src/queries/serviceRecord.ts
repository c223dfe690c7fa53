import type { ViewReader } from '../store/viewReader.js';
import { viewNames, type ServiceRecordDoc } from '../views/docs.js';
import { round2 } from './districtTotals.js';

/** A volunteer's service record (志愿服务记录): every completed service, in order, with its hours. */
export function serviceRecord(reader: ViewReader, volunteerId: string) {
  const services = reader
    .list<ServiceRecordDoc>(viewNames.serviceRecord, { subject: volunteerId })
    .sort((a, b) => a.completedAt.localeCompare(b.completedAt) || a.serviceId.localeCompare(b.serviceId));
  return {
    volunteerId,
    services,
    serviceCount: services.length,
    totalHours: round2(services.reduce((n, s) => n + s.hours, 0)),
  };
}
