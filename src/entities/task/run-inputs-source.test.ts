import { describe, expect, it } from 'vitest';
import {
  fileOf,
  firstUserMessage,
  inputsFromApi,
  inputsFromRecord,
  inputsInMessage,
} from './run-inputs-source';

describe('inputsFromApi', () => {
  it('reads the task’s own fields in either shape of output_config', () => {
    const asObject = inputsFromApi({
      tasks: [
        {
          query: 'Q',
          files: [{ filename: 'a.pdf', size_bytes: 10, mime_type: 'application/pdf' }, 'b.txt'],
          output_config: { output_schema: { total: 'number' }, instructions: 'I' },
        },
      ],
    });
    expect(asObject).toEqual({
      source: 'api',
      from: ['the task’s fields'],
      query: 'Q',
      files: [{ name: 'a.pdf', size: 10, type: 'application/pdf' }, { name: 'b.txt' }],
      outputSchema: '{\n  "total": "number"\n}',
      instructions: 'I',
    });
    const asString = inputsFromApi({
      tasks: [{ input: { output_config: '{"output_schema":"S"}' } }],
    });
    expect(asString.outputSchema).toBe('S');
    expect(asString.query).toBeUndefined();
  });

  it('takes the query from the first message a person sent, whatever says who sent it', () => {
    const messages = [
      { role: 'assistant', content: 'Hello' },
      { user_id: 'u1', content: [{ type: 'text', text: 'From blocks' }] },
      { role: 'user', content: 'Later' },
    ];
    expect(firstUserMessage(messages)).toBe(messages[1]);
    expect(inputsFromApi({ tasks: [], messages }).query).toBe('From blocks');
  });

  it('falls back to the feed’s first user item when the messages were not read', () => {
    const view = inputsFromApi({
      tasks: [],
      feed: [{ type: 'message', role: 'user', content: 'From the trace' }],
    });
    expect(view).toMatchObject({ query: 'From the trace', from: ['the task’s first message'] });
  });

  it('says nothing of what no answer carried', () => {
    expect(inputsFromApi({ tasks: [{ task_id: 't', status: 'completed' }], messages: [] })).toEqual(
      { source: 'api', from: [] },
    );
  });
});

describe('inputsInMessage', () => {
  it('reads a file-only opening as its files, and anything else as the query', () => {
    expect(inputsInMessage('Attached 1 file: scan, page 2.png')).toEqual({
      query: 'Attached 1 file: scan, page 2.png',
    });
    expect(inputsInMessage('Attached 2 files: a.txt, b.pdf')).toEqual({
      query: '',
      files: [{ name: 'a.txt' }, { name: 'b.pdf' }],
    });
    expect(inputsInMessage({ query: 'Structured', files: ['x.csv'] })).toMatchObject({
      query: 'Structured',
      files: [{ name: 'x.csv' }],
    });
  });
});

describe('fileOf and inputsFromRecord', () => {
  it('keeps only usable file facts', () => {
    expect(fileOf({ name: 'a', size: -1, type: 3 })).toEqual({ name: 'a' });
    expect(fileOf({ size: 3 })).toBeUndefined();
  });

  it('uses the recorded sizes, or the names alone for an older entry', () => {
    const base = {
      agentId: 'a',
      query: ' Q ',
      outputSchema: '',
      instructions: '',
      plainLanguage: false,
      fileNames: ['a.txt'],
      startedAt: 1,
    };
    expect(inputsFromRecord(base).files).toEqual([{ name: 'a.txt' }]);
    expect(
      inputsFromRecord({ ...base, files: [{ name: 'a.txt', size: 5, type: 'text/plain' }] }),
    ).toMatchObject({ source: 'browser', query: 'Q', files: [{ name: 'a.txt', size: 5 }] });
  });
});
