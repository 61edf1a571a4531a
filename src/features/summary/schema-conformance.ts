/** Does the extracted data have the shape the task was asked for? Lists fields missing, values of
 *  the wrong type and keys the schema did not ask for; a `null` is "not found", no issue (0003). */
import { parseOutputSchema, type ScalarType, type SchemaNode } from '../../../common/output-schema';

export { parseOutputSchema };

export interface ConformanceIssue {
  /** Where, e.g. `line_items[2].quantity`; `(root)` for the data itself. */
  path: string;
  problem: 'missing' | 'type' | 'extra';
  expected?: string;
  actual?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

/** What in `data` does not fit `schema`, empty when it all fits; a list of what an object schema
 *  describes (one entry per document) is checked entry by entry. */
export function checkConformance(schema: SchemaNode, data: unknown): ConformanceIssue[] {
  const issues: ConformanceIssue[] = [];
  if (schema.type === 'object' && Array.isArray(data)) {
    data.forEach((entry, index) => check(schema, entry, `[${index}]`, issues));
  } else check(schema, data, '', issues);
  return issues;
}
