/** RFC 4180 CSV of flat rows; the header is the union of the rows' keys in first-seen order. */
export function toCsv(rows: Record<string, unknown>[]): string {
  const header: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!header.includes(k) && r[k] !== undefined) header.push(k);
  const cell = (v: unknown) => {
    if (v === undefined || v === null) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\r\n') + '\r\n';
}
