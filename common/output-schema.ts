/** Reads `output_config.output_schema` (JSON Schema or the `{"field": "type"}` shorthand) into
 *  one field tree; plain language is no schema. Shared by the app and the simulator; pure. */

export type ScalarType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'any';

export type SchemaNode =
  | { type: ScalarType; nullable: boolean }
  | { type: 'object'; nullable: boolean; fields: SchemaField[]; closed: boolean }
  | { type: 'array'; nullable: boolean; items: SchemaNode };

export interface SchemaField {
  name: string;
  node: SchemaNode;
  /** The key must be there (`null` will do). */
  required: boolean;
  /** Listed in a JSON Schema's `required`: `null` counts as missing unless the type allows it. */
  mustHaveValue: boolean;
}

// Read through a Map: the word comes from the schema text, and "constructor" must not find Object.
const TYPE_WORDS: ReadonlyMap<string, ScalarType> = new Map(
  Object.entries({
    string: 'string',
    str: 'string',
    text: 'string',
    number: 'number',
    float: 'number',
    double: 'number',
    decimal: 'number',
    amount: 'number',
    currency: 'number',
    integer: 'integer',
    int: 'integer',
    boolean: 'boolean',
    bool: 'boolean',
    date: 'date',
    datetime: 'date',
    'date-time': 'date',
    timestamp: 'date',
    any: 'any',
  } satisfies Record<string, ScalarType>),
);

const ANY: SchemaNode = { type: 'any', nullable: true };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeJsonSchema(doc: Record<string, unknown>): boolean {
  if (Object.hasOwn(doc, '$schema') || isRecord(doc.properties)) return true;
  return (
    (doc.type === 'object' || doc.type === 'array') &&
    (Object.hasOwn(doc, 'properties') || Object.hasOwn(doc, 'items'))
  );
}

function fromJsonSchema(doc: unknown, depth = 0): SchemaNode {
  if (!isRecord(doc) || depth > 32) return ANY;
  const options = doc.anyOf ?? doc.oneOf;
  if (Array.isArray(options)) {
    const nullable = options.some((option) => isRecord(option) && option.type === 'null');
    const first: unknown = options.find((option) => !(isRecord(option) && option.type === 'null'));
    return { ...fromJsonSchema(first, depth + 1), nullable };
  }
  let type = doc.type;
  let nullable = false;
  if (Array.isArray(type)) {
    nullable = type.includes('null');
    type = type.find((entry) => entry !== 'null');
  }
  if (type === undefined && isRecord(doc.properties)) type = 'object';
  if (type === undefined && Object.hasOwn(doc, 'items')) type = 'array';
  switch (type) {
    case 'object': {
      const properties = isRecord(doc.properties) ? doc.properties : {};
      const required = Array.isArray(doc.required) ? doc.required : undefined;
      return {
        type: 'object',
        nullable,
        closed: doc.additionalProperties !== true,
        fields: Object.entries(properties).map(([name, sub]) => ({
          name,
          node: fromJsonSchema(sub, depth + 1),
          required: required ? required.includes(name) : true,
          mustHaveValue: required ? required.includes(name) : false,
        })),
      };
    }
    case 'array':
      return { type: 'array', nullable, items: fromJsonSchema(doc.items, depth + 1) };
    case 'string':
      return {
        type: doc.format === 'date' || doc.format === 'date-time' ? 'date' : 'string',
        nullable,
      };
    case 'number':
    case 'integer':
    case 'boolean':
      return { type, nullable };
    default:
      return ANY;
  }
}

function fromShorthand(value: unknown, depth = 0): SchemaNode {
  if (depth > 32) return ANY;
  if (Array.isArray(value)) {
    const items = value.length === 0 ? ANY : fromShorthand(value[0], depth + 1);
    return { type: 'array', nullable: false, items };
  }
  if (isRecord(value)) {
    const fields = Object.entries(value).map(([name, sub]) => ({
      name,
      node: fromShorthand(sub, depth + 1),
      required: true,
      mustHaveValue: false,
    }));
    return { type: 'object', nullable: false, closed: true, fields };
  }
  if (typeof value === 'number')
    return { type: Number.isInteger(value) ? 'integer' : 'number', nullable: false };
  if (typeof value === 'boolean') return { type: 'boolean', nullable: false };
  // A string that is no type word ("the grand total in EUR") describes a text field.
  if (typeof value === 'string')
    return { type: TYPE_WORDS.get(value.trim().toLowerCase()) ?? 'string', nullable: false };
  return ANY;
}

/** The schema as a field tree; undefined when empty, plain language, or JSON that does not parse. */
export function parseOutputSchema(text: string | null | undefined): SchemaNode | undefined {
  const trimmed = text?.trim() ?? '';
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  return isRecord(doc) && looksLikeJsonSchema(doc) ? fromJsonSchema(doc) : fromShorthand(doc);
}
