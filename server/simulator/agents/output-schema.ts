/**
 * `output_config.output_schema` in its three real-world forms, parsed into one field tree, and
 * extracted data shaped into that tree.
 *
 * The API accepts the schema as a *string* holding either a JSON Schema document, the "simple"
 * form used in the docs' own example (`{"line_items": [{"sku": "string", "qty": "number"}]}`), or
 * plain English ("the invoice number, the total and the due date"). An extractor should not care
 * which one it got, and neither should a UI that previews the expected shape, so everything is
 * normalised into {@link SchemaNode}s first. This module is pure and knows nothing about invoices:
 * domain knowledge (field names and their synonyms) comes in as a {@link Vocabulary}.
 *
 * How a JSON document is told apart: it is a JSON Schema when it has `$schema`, an object
 * `properties`, or `type: "object" | "array"` together with `properties`/`items`; otherwise it is
 * the simple form (so `{"type": "string"}` is a simple schema with one field called "type").
 * Text that is not valid JSON is read as natural language.
 */

export type ScalarType = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'any';

export interface ScalarNode {
  type: ScalarType;
  description?: string;
}

export interface ObjectNode {
  type: 'object';
  fields: SchemaField[];
  description?: string;
}

export interface ArrayNode {
  type: 'array';
  items: SchemaNode;
  description?: string;
}

export type SchemaNode = ScalarNode | ObjectNode | ArrayNode;

export interface SchemaField {
  name: string;
  node: SchemaNode;
}

export type SchemaForm = 'json-schema' | 'simple' | 'natural-language' | 'none';

export interface ParsedOutputSchema {
  form: SchemaForm;
  /** The requested shape; null for `none` and for natural language that named no known field. */
  root: SchemaNode | null;
  /** Honest remarks for the user: unsupported keywords, unknown types, ignored parts. */
  notes: string[];
}

/** One field a domain knows how to fill, with the names people use for it. */
export interface VocabularyField {
  /** The key of this field in the source record handed to {@link shapeData}. */
  key: string;
  /** Other names and phrases, e.g. "amount due", "grand_total"; matched after normalisation. */
  synonyms: readonly string[];
  /** The shape used for the default schema and for natural-language requests. */
  type: ScalarType | 'object' | 'array';
  /** For objects and arrays of objects: the vocabulary one level down. */
  fields?: Vocabulary;
}

export type Vocabulary = readonly VocabularyField[];

// ---------------------------------------------------------------------------------------------
// Names

/** "Invoice No.", "invoiceNumber", "invoice-number" -> "invoice_no", "invoice_number". */
export function normalizeFieldName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Finds the vocabulary field a requested name refers to: exact key or synonym first, then the
 * longest key/synonym whose words appear inside the name ("invoice_total" -> total). Returns
 * undefined when nothing fits, so unknown fields become null instead of a wrong guess.
 */
export function resolveVocabularyField(
  name: string,
  vocabulary: Vocabulary,
): VocabularyField | undefined {
  const wanted = normalizeFieldName(name);
  const names = (f: VocabularyField) => [f.key, ...f.synonyms].map(normalizeFieldName);
  const exact = vocabulary.find((f) => names(f).includes(wanted));
  if (exact !== undefined) return exact;
  const wantedTokens = wanted.split('_');
  let best: { field: VocabularyField; length: number } | undefined;
  for (const field of vocabulary) {
    for (const candidate of names(field)) {
      const t = candidate.split('_');
      if (containsSequence(wantedTokens, t) && (best === undefined || t.length > best.length)) {
        best = { field, length: t.length };
      }
    }
  }
  return best?.field;
}

// ---------------------------------------------------------------------------------------------
// Parsing

const SIMPLE_TYPE_NAMES: Record<string, ScalarType> = {
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeJsonSchema(doc: Record<string, unknown>): boolean {
  if ('$schema' in doc) return true;
  if (isRecord(doc.properties)) return true;
  return (doc.type === 'object' || doc.type === 'array') && ('properties' in doc || 'items' in doc);
}

function withDescription<T extends SchemaNode>(node: T, description: unknown): T {
  return typeof description === 'string' && description !== '' ? { ...node, description } : node;
}

function fromJsonSchema(doc: unknown, path: string, notes: string[]): SchemaNode {
  if (!isRecord(doc)) return { type: 'any' };
  for (const keyword of ['$ref', 'allOf', 'patternProperties'] as const) {
    if (keyword in doc) notes.push(`"${keyword}" at ${path} is not supported; read as "any".`);
  }
  const options = doc.anyOf ?? doc.oneOf;
  if (Array.isArray(options)) {
    const first: unknown = (options as unknown[]).find((o) => !(isRecord(o) && o.type === 'null'));
    return withDescription(fromJsonSchema(first, path, notes), doc.description);
  }
  let type = doc.type;
  if (Array.isArray(type)) type = type.find((t) => t !== 'null');
  if (type === undefined && isRecord(doc.properties)) type = 'object';
  if (type === undefined && 'items' in doc) type = 'array';
  switch (type) {
    case 'object': {
      const props = isRecord(doc.properties) ? doc.properties : {};
      const fields = Object.entries(props).map(([name, sub]) => ({
        name,
        node: fromJsonSchema(sub, `${path}.${name}`, notes),
      }));
      return withDescription({ type: 'object', fields }, doc.description);
    }
    case 'array':
      return withDescription(
        { type: 'array', items: fromJsonSchema(doc.items, `${path}[]`, notes) },
        doc.description,
      );
    case 'string':
      return withDescription(
        { type: doc.format === 'date' || doc.format === 'date-time' ? 'date' : 'string' },
        doc.description,
      );
    case 'number':
    case 'integer':
    case 'boolean':
      return withDescription({ type }, doc.description);
    default:
      return withDescription({ type: 'any' }, doc.description);
  }
}

function fromSimple(value: unknown, path: string, notes: string[]): SchemaNode {
  if (Array.isArray(value)) {
    if (value.length > 1) notes.push(`Only the first element of the list at ${path} is used.`);
    return {
      type: 'array',
      items: value.length === 0 ? { type: 'any' } : fromSimple(value[0], `${path}[]`, notes),
    };
  }
  if (isRecord(value)) {
    return {
      type: 'object',
      fields: Object.entries(value).map(([name, sub]) => ({
        name,
        node: fromSimple(sub, `${path}.${name}`, notes),
      })),
    };
  }
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'string') {
    const known = SIMPLE_TYPE_NAMES[value.trim().toLowerCase()];
    if (known !== undefined) return { type: known };
    // `{"total": "grand total in EUR"}`: a description, not a type; text is the safe reading.
    return { type: 'string', description: value };
  }
  return { type: 'any' };
}

function vocabularyNode(field: VocabularyField): SchemaNode {
  if (field.type === 'object') return vocabularyToSchema(field.fields ?? []);
  if (field.type === 'array') {
    return {
      type: 'array',
      items: field.fields === undefined ? { type: 'any' } : vocabularyToSchema(field.fields),
    };
  }
  return { type: field.type };
}

/** The default shape of a domain: every vocabulary field with its own type. */
export function vocabularyToSchema(vocabulary: Vocabulary): ObjectNode {
  return {
    type: 'object',
    fields: vocabulary.map((f) => ({ name: f.key, node: vocabularyNode(f) })),
  };
}

function phraseOf(name: string): string {
  return normalizeFieldName(name).replace(/_/g, ' ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Natural language: every vocabulary field whose key or synonym appears as whole words, longest
 * phrase first so "due date" claims its words before "date" can. Fields come out in the order
 * the text mentions them.
 */
function fromNaturalLanguage(text: string, vocabulary: Vocabulary): ObjectNode {
  const lower = text.toLowerCase().replace(/[_-]/g, ' ');
  const candidates = vocabulary.flatMap((field) =>
    [field.key, ...field.synonyms].map((name) => ({ field, phrase: phraseOf(name) })),
  );
  candidates.sort((a, b) => b.phrase.length - a.phrase.length);
  const taken: { start: number; end: number }[] = [];
  const found = new Map<VocabularyField, number>();
  for (const { field, phrase } of candidates) {
    if (phrase === '') continue;
    const re = new RegExp(`\\b${escapeRegExp(phrase).replace(/ /g, '\\s+')}s?\\b`, 'g');
    for (const m of lower.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some((t) => start < t.end && end > t.start)) continue;
      taken.push({ start, end });
      if (!found.has(field) || (found.get(field) ?? 0) > start) found.set(field, start);
    }
  }
  const fields = [...found.entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([field]) => ({ name: field.key, node: vocabularyNode(field) }));
  return { type: 'object', fields };
}

/**
 * Parses `output_config.output_schema`. `vocabulary` is only used for natural language, to
 * recognise which known fields the sentence asks for.
 */
export function parseOutputSchema(
  raw: string | null | undefined,
  vocabulary: Vocabulary = [],
): ParsedOutputSchema {
  const text = raw?.trim() ?? '';
  if (text === '') return { form: 'none', root: null, notes: [] };
  const notes: string[] = [];
  let english = text;
  if (text.startsWith('{') || text.startsWith('[')) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      // Near-JSON such as {'total': 'number'}: its keys are the request; its values are types,
      // which must not be read as field names ("number" would otherwise mean invoice_number).
      const keys = [...text.matchAll(/["']?([A-Za-z_][\w -]*?)["']?\s*:/g)].map((m) => m[1]);
      english = keys.join(', ');
      notes.push(
        'The schema looks like JSON but does not parse; its field names were read as plain English.',
      );
    }
    if (doc !== undefined) {
      if (isRecord(doc) && looksLikeJsonSchema(doc)) {
        return { form: 'json-schema', root: fromJsonSchema(doc, '$', notes), notes };
      }
      return { form: 'simple', root: fromSimple(doc, '$', notes), notes };
    }
  }
  const root = fromNaturalLanguage(english, vocabulary);
  if (root.fields.length === 0) {
    notes.push('No known field was recognised in the schema description.');
    return { form: 'natural-language', root: null, notes };
  }
  return { form: 'natural-language', root, notes };
}

// ---------------------------------------------------------------------------------------------
// Shaping

/**
 * Converts a value to the requested scalar type; null when it cannot be done honestly.
 * `parseNumber` and `parseDate` are injected so this module stays free of locale rules.
 */
export function coerceScalar(
  value: unknown,
  type: ScalarType,
  parse: ScalarParsers = DEFAULT_PARSERS,
): unknown {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'any':
      return value;
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return JSON.stringify(value);
    case 'number':
    case 'integer': {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string'
            ? parse.number(value)
            : typeof value === 'boolean'
              ? Number(value)
              : null;
      if (n === null || !Number.isFinite(n)) return null;
      return type === 'integer' ? Math.round(n) : n;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'string') {
        const v = value.trim().toLowerCase();
        if (['true', 'yes', 'y', '1', 'paid'].includes(v)) return true;
        if (['false', 'no', 'n', '0', 'unpaid'].includes(v)) return false;
      }
      return null;
    case 'date':
      return typeof value === 'string' ? parse.date(value) : null;
  }
}

export interface ScalarParsers {
  number: (text: string) => number | null;
  date: (text: string) => string | null;
}

const DEFAULT_PARSERS: ScalarParsers = {
  number: (text) => {
    const n = Number(text.replace(/[^\d.-]/g, ''));
    return text.trim() === '' || !Number.isFinite(n) ? null : n;
  },
  date: (text) => (/^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null),
};

function lookup(
  source: Record<string, unknown>,
  name: string,
  vocabulary: Vocabulary,
): { value: unknown; vocabulary: Vocabulary } {
  const field = resolveVocabularyField(name, vocabulary);
  if (field !== undefined && field.key in source) {
    return { value: source[field.key], vocabulary: field.fields ?? [] };
  }
  // Without vocabulary knowledge, accept a source key that only differs in spelling.
  const wanted = normalizeFieldName(name);
  const key = Object.keys(source).find((k) => normalizeFieldName(k) === wanted);
  return { value: key === undefined ? undefined : source[key], vocabulary: field?.fields ?? [] };
}

/**
 * Shapes `source` into `node`: objects keep every requested field (null leaves when nothing was
 * found, so consumers always see the shape they asked for), arrays map their items, scalars are
 * coerced. A requested root array takes the source's first list (an invoice has one: its lines).
 */
export function shapeData(
  node: SchemaNode,
  source: unknown,
  vocabulary: Vocabulary = [],
  parse: ScalarParsers = DEFAULT_PARSERS,
): unknown {
  switch (node.type) {
    case 'object': {
      const record = isRecord(source) ? source : {};
      const out: Record<string, unknown> = {};
      for (const field of node.fields) {
        const found = lookup(record, field.name, vocabulary);
        out[field.name] = shapeData(field.node, found.value, found.vocabulary, parse);
      }
      return out;
    }
    case 'array': {
      let list: unknown = source;
      let itemVocabulary = vocabulary;
      if (isRecord(source)) {
        const entry = Object.entries(source).find(([, value]) => Array.isArray(value));
        list = entry?.[1];
        itemVocabulary = vocabulary.find((f) => f.key === entry?.[0])?.fields ?? vocabulary;
      }
      if (list === undefined || list === null) return null;
      const items = Array.isArray(list) ? list : [list];
      return items.map((item) => shapeData(node.items, item, itemVocabulary, parse));
    }
    default:
      return coerceScalar(source, node.type, parse);
  }
}

/** Dotted paths of every leaf, e.g. ["invoice_number", "line_items[].qty"]; handy for messages. */
export function describeFields(node: SchemaNode, prefix = ''): string[] {
  switch (node.type) {
    case 'object':
      return node.fields.flatMap((f) =>
        describeFields(f.node, prefix === '' ? f.name : `${prefix}.${f.name}`),
      );
    case 'array':
      return describeFields(node.items, `${prefix}[]`);
    default:
      return [prefix === '' ? '(value)' : prefix];
  }
}
