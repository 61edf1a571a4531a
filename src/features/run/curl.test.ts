import { describe, expect, it } from 'vitest';
import { curlForRun, shellQuote } from './curl';
import type { RunDraftInput } from './run-request';

const BASE = 'https://agents.nanonets.com';
const AGENT = '3f1c2a9e-0000-4000-8000-000000000001';

const input = (overrides: Partial<RunDraftInput> = {}): RunDraftInput => ({
  agentId: AGENT,
  query: '',
  files: [],
  outputSchema: '',
  instructions: '',
  ...overrides,
});

const file = (name: string) => new File(['x'], name);

describe('shellQuote', () => {
  it('single-quotes and escapes embedded single quotes', () => {
    expect(shellQuote("it's $HOME `x`")).toBe(`'it'\\''s $HOME \`x\`'`);
  });
});

describe('curlForRun', () => {
  it('builds a JSON run with the key read from the environment', () => {
    expect(curlForRun(input({ query: 'Summarise the report' }), `${BASE}/`)).toBe(
      [
        `curl -X POST '${BASE}/api/v1/agents/${AGENT}/run' \\`,
        '  -H "Authorization: Bearer $NANONETS_API_KEY" \\',
        "  -H 'Content-Type: application/json' \\",
        `  -d '{"query":"Summarise the report"}'`,
      ].join('\n'),
    );
  });

  it('uses $AGENT_ID, never /agents//run, while no agent is chosen', () => {
    const command = curlForRun(input({ agentId: '', query: 'Hi' }), BASE);
    expect(command).not.toContain('/agents//run');
    expect(command.split(' \\\n  ')[0]).toBe(
      `curl -X POST '${BASE}/api/v1/agents/'"$AGENT_ID"'/run'`,
    );
  });

  it('quotes a query with a single quote so the shell passes it through unchanged', () => {
    const command = curlForRun(
      input({ query: "What's the vendor's total?", outputSchema: '{"total": "number"}' }),
      BASE,
    );
    expect(command).toContain(
      `-d '{"query":"What'\\''s the vendor'\\''s total?","output_config":{"output_schema":"{\\"total\\": \\"number\\"}"}}'`,
    );
  });

  it('uses multipart for files, with text parts as --form-string', () => {
    const command = curlForRun(
      input({
        query: '@team: reconcile',
        files: [file('invoice.pdf'), file("bob's scan.png")],
        instructions: 'Dates as YYYY-MM-DD',
      }),
      BASE,
    );
    expect(command.split(' \\\n  ')).toEqual([
      `curl -X POST '${BASE}/api/v1/agents/${AGENT}/run'`,
      '-H "Authorization: Bearer $NANONETS_API_KEY"',
      "--form-string 'query=@team: reconcile'",
      "-F 'files=@invoice.pdf'",
      "-F 'files=@bob'\\''s scan.png'",
      `--form-string 'output_config={"instructions":"Dates as YYYY-MM-DD"}'`,
    ]);
    expect(command).not.toContain('Content-Type');
  });

  it('double-quotes file names that curl would otherwise split at ; or ,', () => {
    const command = curlForRun(input({ files: [file('a;b,"c".pdf')] }), BASE);
    expect(command).toContain(`-F 'files=@"a;b,\\"c\\".pdf"'`);
  });

  it('never contains a key, only the variable', () => {
    const command = curlForRun(input({ query: 'q', files: [file('a.txt')] }), BASE);
    expect(command.match(/Authorization: Bearer ([^"]*)"/)?.[1]).toBe('$NANONETS_API_KEY');
    expect(command).not.toMatch(/sim_local_dev_key|Bearer (?!\$NANONETS_API_KEY)/);
  });
});
