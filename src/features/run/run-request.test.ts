import { describe, expect, it } from 'vitest';
import { buildRunRequest } from '@/api/runs';
import { validateRunInput, type RunDraftInput } from './run-request';

const input = (overrides: Partial<RunDraftInput> = {}): RunDraftInput => ({
  agentId: '3f1c2a9e-0000-4000-8000-000000000001',
  query: '',
  files: [],
  outputSchema: '',
  instructions: '',
  ...overrides,
});

const pdf = new File(['%PDF-1.4'], 'invoice.pdf', { type: 'application/pdf' });
const png = new File(['png'], 'scan 2.png', { type: 'image/png' });

describe('buildRunRequest', () => {
  it('sends JSON without files, trimming the query but keeping its inner whitespace', () => {
    const request = buildRunRequest(
      input({
        query: '  Extract the totals.\n\nThen  sum them.  ',
        outputSchema: ' {"total": "number"} ',
      }),
    );
    expect(request).toEqual({
      kind: 'json',
      path: '/api/v1/agents/3f1c2a9e-0000-4000-8000-000000000001/run',
      body: {
        query: 'Extract the totals.\n\nThen  sum them.',
        output_config: { output_schema: '{"total": "number"}' },
      },
    });
  });

  it('leaves out empty fields, and output_config entirely when both of its fields are empty', () => {
    expect(
      buildRunRequest(input({ query: 'Hi', outputSchema: '  ', instructions: '\n' })),
    ).toMatchObject({
      kind: 'json',
      body: { query: 'Hi' },
    });
    const onlyInstructions = buildRunRequest(input({ instructions: ' Dates as YYYY-MM-DD ' }));
    expect(onlyInstructions.kind === 'json' && onlyInstructions.body).toEqual({
      output_config: { instructions: 'Dates as YYYY-MM-DD' },
    });
  });

  it('passes a plain-language schema through as text', () => {
    const request = buildRunRequest(input({ query: 'q', outputSchema: 'the total, as a number' }));
    expect(request.kind === 'json' && request.body.output_config).toEqual({
      output_schema: 'the total, as a number',
    });
  });

  it('encodes the agent id into the path', () => {
    expect(buildRunRequest(input({ agentId: 'a/b?c', query: 'q' })).path).toBe(
      '/api/v1/agents/a%2Fb%3Fc/run',
    );
  });

  it('sends multipart with files: one "files" part per file and output_config as a JSON string', () => {
    const request = buildRunRequest(
      input({
        query: ' Reconcile these ',
        files: [pdf, png],
        outputSchema: '{"total": "number"}',
        instructions: 'Skip header rows.',
      }),
    );
    if (request.kind !== 'multipart') throw new Error('expected multipart');
    expect([...request.form.keys()]).toEqual(['query', 'files', 'files', 'output_config']);
    expect(request.form.get('query')).toBe('Reconcile these');

    const files = request.form.getAll('files');
    expect(files.map((f) => (f as File).name)).toEqual(['invoice.pdf', 'scan 2.png']);
    expect(files.map((f) => (f as File).size)).toEqual([pdf.size, png.size]);

    const config = request.form.get('output_config');
    expect(typeof config).toBe('string');
    expect(JSON.parse(config as string)).toEqual({
      output_schema: '{"total": "number"}',
      instructions: 'Skip header rows.',
    });
  });

  it('sends files alone when there is no query and no output config', () => {
    const request = buildRunRequest(input({ query: '   ', files: [pdf] }));
    if (request.kind !== 'multipart') throw new Error('expected multipart');
    expect([...request.form.keys()]).toEqual(['files']);
  });
});

describe('validateRunInput', () => {
  it('asks for an agent first', () => {
    expect(validateRunInput(input({ agentId: '', query: 'q' }))).toMatchObject({ field: 'agent' });
  });

  it('needs a query or a file', () => {
    expect(validateRunInput(input({ query: ' \n ' }))).toMatchObject({ field: 'query' });
    expect(validateRunInput(input({ query: 'Summarise' }))).toBeNull();
    expect(validateRunInput(input({ files: [pdf] }))).toBeNull();
  });
});
