// Flattens the JSON Schema of an event's data into documentation rows.

export type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
};

export type FieldRow = { name: string; type: string; required: boolean; description: string };

/** Descriptions for ids that appear everywhere, so each schema need not repeat them. */
const commonDescriptions: Record<string, string> = {
  districtId: 'District (区/县) id, or "city" for city-wide facts',
  volunteerId: 'Volunteer id',
  dispatchId: 'Dispatch id (one dispatch of one volunteer)',
  postId: 'Post (岗位) id',
  shiftId: 'Shift id, unique within its post',
  requestId: 'Resident request id',
  donationId: 'Donation id',
  teamId: 'Team id',
  stationId: 'Practice station (实践站) id',
  instituteId: 'Practice institute (实践所) id',
};

const describe = (key: string, prop: JsonSchema): string => {
  if (prop.const !== undefined) return 'Variant tag';
  if (key.endsWith('At') && (prop.description === undefined || prop.description === 'ISO-8601 date-time')) {
    return 'Business time of the fact (ISO-8601)';
  }
  return prop.description ?? commonDescriptions[key] ?? '';
};

const variants = (s: JsonSchema): JsonSchema[] | undefined => s.oneOf ?? s.anyOf;

export const typeLabel = (s: JsonSchema): string => {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  const alts = variants(s);
  if (alts) return alts.map(typeLabel).join(' \\| ');
  if (s.type === 'array') return `${s.items ? typeLabel(s.items) : 'unknown'}[]`;
  if (s.type === 'string' && s.format) return `string (${s.format})`;
  if (s.type === 'integer' || s.type === 'number') {
    const bounds = [s.minimum !== undefined ? `≥ ${s.minimum}` : '', s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : '', s.maximum !== undefined ? `≤ ${s.maximum}` : '']
      .filter(Boolean)
      .join(', ');
    return bounds ? `${s.type} (${bounds})` : s.type;
  }
  return Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'unknown');
};

const isObject = (s: JsonSchema): boolean => s.type === 'object' && s.properties !== undefined;

/** One row per field, nested objects as `a.b`, array items as `a[].b`, union variants as `a{kind=x}.b`. */
export const fieldRows = (schema: JsonSchema, prefix = ''): FieldRow[] =>
  Object.entries(schema.properties ?? {}).flatMap(([key, prop]) => {
    const name = `${prefix}${key}`;
    const alts = variants(prop);
    const row: FieldRow = {
      name,
      type: alts?.every(isObject) ? 'object (one of the variants below)' : isObject(prop) ? 'object' : typeLabel(prop),
      required: schema.required?.includes(key) ?? false,
      description: describe(key, prop),
    };
    if (isObject(prop)) return [row, ...fieldRows(prop, `${name}.`)];
    if (prop.type === 'array' && prop.items && isObject(prop.items)) {
      return [{ ...row, type: 'object[]' }, ...fieldRows(prop.items, `${name}[].`)];
    }
    if (alts?.every(isObject)) {
      return [
        row,
        ...alts.flatMap((alt) => {
          const tag = Object.entries(alt.properties ?? {}).find(([, p]) => p.const !== undefined);
          return fieldRows(alt, tag ? `${name}{${tag[0]}=${String(tag[1].const)}}.` : `${name}.`);
        }),
      ];
    }
    return [row];
  });
