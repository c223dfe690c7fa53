/** A period [from, to) of ISO times. Activity is kept per hour, so bounds are widened to whole hours. */
export interface Period {
  from: string;
  to: string;
}

/** The hour bucket (UTC, `YYYY-MM-DDTHH`) an ISO time falls into. */
export function hourOf(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().slice(0, 13);
}

export function dayOf(iso: string): string {
  return new Date(Date.parse(iso)).toISOString().slice(0, 10);
}

export function hourFloor(iso: string): string {
  return hourOf(iso);
}

/** The first hour bucket not in the period: `to` is exclusive, but an hour it cuts into is included. */
export function hourCeil(iso: string): string {
  const ms = Date.parse(iso);
  const floor = Math.floor(ms / 3_600_000) * 3_600_000;
  return new Date(floor === ms ? ms : floor + 3_600_000).toISOString().slice(0, 13);
}
