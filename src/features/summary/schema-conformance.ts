/**
 * Does the extracted data have the shape the task was asked for? Checks the data against the
 * `output_schema` this browser ran the task with, and lists what differs: fields missing (absent,
 * or `null` where a JSON Schema's `required` lists them and their type does not allow null),
 * values of the wrong type, and keys the schema did not ask for. Any other `null` is an optional
 * field the document did not have — how extraction says "not found" — and no issue.
 *
 * The API takes the schema as a string in three forms (files-and-output guide); two are JSON and
 * checked here:
 * - JSON Schema (has `$schema`, an object `properties`, or `type: object|array` with
 *   `properties`/`items`): `properties`, `required`, `items`, `type` (a list with `"null"`
 *   allows null), `anyOf`/`oneOf` (first non-null option), `format: date|date-time`,
 *   `additionalProperties: true` (extra keys are then fine). Without `required`, every listed
 *   property is expected, as extraction schemas mean it.
 * - the simple form `{"field": "type"}`, nested objects and `[{…}]` for lists of objects; type
 *   words as the simulator reads them (`string`, `number`, `integer`, `boolean`, `date`, `any`,
 *   and their synonyms `int`, `float`, `amount`, …); any other text is a description, i.e. text.
 * Plain language is not checked (`parseOutputSchema` returns undefined).
 *
 * When the schema describes one object and the data is a list of them (the simulator returns
 * one entry per attached document), each entry is checked. Pure; the view counts and lists.
 */

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

export interface ConformanceIssue {
  /** Where, e.g. `line_items[2].quantity`; `(root)` for the data itself. */
  path: string;
  problem: 'missing' | 'type' | 'extra';
  expected?: string;
  actual?: string;
}

const TYPE_WORDS_BY_NAME: Readonly<Record<string, ScalarType>> = {
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
};
// Read through a Map: the word comes from the schema text, and "constructor" must not find Object.
const TYPE_WORDS: ReadonlyMap<string, ScalarType> = new Map(Object.entries(TYPE_WORDS_BY_NAME));

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

const ANY: SchemaNode = { type: 'any', nullable: true };

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
  if (type === 'null') return { type: 'any', nullable: true };
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

function fromSimple(value: unknown, depth = 0): SchemaNode {
  if (depth > 32) return ANY;
  if (Array.isArray(value))
    return {
      type: 'array',
      nullable: false,
      items: value.length === 0 ? ANY : fromSimple(value[0], depth + 1),
    };
  if (isRecord(value))
    return {
      type: 'object',
      nullable: false,
      closed: true,
      fields: Object.entries(value).map(([name, sub]) => ({
        name,
        node: fromSimple(sub, depth + 1),
        required: true,
        mustHaveValue: false,
      })),
    };
  if (typeof value === 'number')
    return { type: Number.isInteger(value) ? 'integer' : 'number', nullable: false };
  if (typeof value === 'boolean') return { type: 'boolean', nullable: false };
  if (typeof value === 'string')
    return { type: TYPE_WORDS.get(value.trim().toLowerCase()) ?? 'string', nullable: false };
  return ANY;
}

/** The schema text as a tree, or undefined for plain language (or empty, or not JSON). */
export function parseOutputSchema(text: string | undefined): SchemaNode | undefined {
  const trimmed = text?.trim() ?? '';
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  return isRecord(doc) && looksLikeJsonSchema(doc) ? fromJsonSchema(doc) : fromSimple(doc);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function scalarFits(type: ScalarType, value: unknown): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value));
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function check(node: SchemaNode, value: unknown, path: string, issues: ConformanceIssue[]): void {
  const where = path === '' ? '(root)' : path;
  if (value === null || value === undefined) {
    if (!node.nullable && node.type !== 'any') issues.push({ path: where, problem: 'missing' });
    return;
  }
  if (node.type === 'object') {
    if (!isRecord(value)) {
      issues.push({ path: where, problem: 'type', expected: 'object', actual: typeOf(value) });
      return;
    }
    const known = new Set<string>();
    for (const field of node.fields) {
      known.add(field.name);
      // A field the data lacks is missing, even when named like `constructor`.
      const entry = Object.hasOwn(value, field.name) ? value[field.name] : undefined;
      const at = join(path, field.name);
      if (entry === undefined) {
        if (field.required) issues.push({ path: at, problem: 'missing' });
      } else if (entry !== null || field.mustHaveValue) check(field.node, entry, at, issues);
    }
    if (node.closed) {
      for (const key of Object.keys(value))
        if (!known.has(key)) issues.push({ path: join(path, key), problem: 'extra' });
    }
    return;
  }
  if (node.type === 'array') {
    if (!Array.isArray(value)) {
      issues.push({ path: where, problem: 'type', expected: 'array', actual: typeOf(value) });
      return;
    }
    value.forEach((entry, index) => check(node.items, entry, `${path}[${index}]`, issues));
    return;
  }
  if (!scalarFits(node.type, value)) {
    issues.push({ path: where, problem: 'type', expected: node.type, actual: typeOf(value) });
  }
}

/** What in `data` does not fit `schema`; empty when it all fits. */
export function checkConformance(schema: SchemaNode, data: unknown): ConformanceIssue[] {
  const issues: ConformanceIssue[] = [];
  if (schema.type === 'object' && Array.isArray(data)) {
    data.forEach((entry, index) => check(schema, entry, `[${index}]`, issues));
  } else check(schema, data, '', issues);
  return issues;
}
