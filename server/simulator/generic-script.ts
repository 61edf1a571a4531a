/**
 * Behaviour of agents created through `POST /api/v1/agents`. They have no hand-written script,
 * so they get an honest generic one: read each attached file (really: size, type, first line of
 * text), then answer with what was received and the agent's current system prompt, saying
 * plainly that this is the simulator. The prompt is read at run time so a PATCH takes effect on
 * the next run, as the API promises.
 */
import type { AgentScript, InputFile } from './agents/types';

const PREVIEW_CHARS = 160;

/** Control characters other than tab/newline/CR mean the bytes are not really text. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return true;
  }
  return false;
}

function textPreview(file: InputFile): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
    if (hasControlCharacters(text)) return null;
    const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
    return firstLine.length > PREVIEW_CHARS ? `${firstLine.slice(0, PREVIEW_CHARS)}…` : firstLine;
  } catch {
    return null;
  }
}

function stepMs(random: () => number): number {
  return 300 + Math.floor(random() * 900);
}

export function genericScript(agentName: string, systemPrompt: string): AgentScript {
  return function* generic(input, ctx) {
    const fileCount = input.files.length;
    yield {
      kind: 'message',
      content:
        fileCount > 0
          ? `Reading the request and ${fileCount} attached file${fileCount === 1 ? '' : 's'}.`
          : 'Reading the request.',
      durationMs: stepMs(ctx.random),
    };
    const lines: string[] = [];
    for (const file of input.files) {
      const preview = textPreview(file);
      yield {
        kind: 'tool_call',
        name: 'read_file',
        arguments: { filename: file.name },
        output: {
          filename: file.name,
          content_type: file.type || null,
          size_bytes: file.size,
          first_line: preview,
        },
        durationMs: stepMs(ctx.random),
      };
      lines.push(
        `- **${file.name}** (${file.size} bytes)${preview !== null && preview !== '' ? `: “${preview}”` : ' (binary)'}`,
      );
    }
    const parts = [
      `**${agentName}** is a simulated agent created through the API, so it answers generically.`,
    ];
    if (input.query !== null) parts.push(`Request: “${input.query}”`);
    if (lines.length > 0) parts.push(`Files received:\n${lines.join('\n')}`);
    if (input.outputConfig?.instructions) {
      parts.push(`Output instructions noted: “${input.outputConfig.instructions}”`);
    }
    parts.push(
      systemPrompt.trim() !== ''
        ? `System prompt in effect: “${systemPrompt.trim()}”`
        : 'No system prompt is set (PATCH the agent to add one).',
    );
    yield { kind: 'complete', summary: parts.join('\n\n'), durationMs: stepMs(ctx.random) };
  };
}
