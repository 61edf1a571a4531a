import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useOutputSchemaCheck } from './output-schema-check';
import { OutputSchemaField } from './output-schema-field';
import { SCHEMA_TEMPLATES } from './schema-templates';

/** The field as the run form uses it: controlled, with the real check hook. */
function Harness({ initial = '', disabled = false }: { initial?: string; disabled?: boolean }) {
  const [value, setValue] = useState(initial);
  const [plain, setPlain] = useState(false);
  const check = useOutputSchemaCheck(value, plain);
  return (
    <OutputSchemaField
      value={value}
      onChange={setValue}
      plainLanguage={plain}
      onPlainLanguageChange={setPlain}
      check={check}
      disabled={disabled}
    />
  );
}

const field = () => screen.getByRole('textbox', { name: 'Output schema' });

async function typeInto(text: string) {
  const user = userEvent.setup();
  await user.clear(field());
  await user.click(field());
  // paste, not type: user-event reads `{` and `[` as key names.
  await user.paste(text);
  return user;
}

describe('OutputSchemaField', () => {
  it('shows where broken JSON breaks, marks the field invalid, and plain language clears it', async () => {
    render(<Harness />);
    expect(field()).toHaveAttribute('aria-invalid', 'false');

    const user = await typeInto('{\n  "total": "number"\n  "currency": "string"\n}');

    expect(await screen.findByText(/Line 3, column 3: Expected comma/)).toBeInTheDocument();
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    expect(field()).toHaveAccessibleDescription(/Line 3, column 3: Expected comma/);
    expect(screen.queryByRole('button', { name: 'Format JSON' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Treat as plain language' }));
    expect(screen.queryByText(/Expected comma/)).not.toBeInTheDocument();
    expect(field()).toHaveAttribute('aria-invalid', 'false');
    expect(field()).toHaveAccessibleDescription(/without checking it as JSON/);
  });

  it('"Go to error" puts the caret where the error is', async () => {
    render(<Harness />);
    const text = '{"a": 1,\n "b": 2,\n}';
    const user = await typeInto(text);
    await user.click(await screen.findByRole('button', { name: 'Go to error' }));
    expect(field()).toHaveFocus();
    expect((field() as HTMLTextAreaElement).selectionStart).toBe(text.lastIndexOf(','));
  });

  it('Format JSON pretty-prints valid JSON with two spaces', async () => {
    render(<Harness />);
    const user = await typeInto('{"invoice_number":"string","total":"number"}');
    expect(field()).toHaveAccessibleDescription('Valid JSON.');

    await user.click(screen.getByRole('button', { name: 'Format JSON' }));
    expect(field()).toHaveValue('{\n  "invoice_number": "string",\n  "total": "number"\n}');
  });

  it('inserts a template into an empty field without asking', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const templates = screen.getByRole('group', { name: 'Schema templates' });
    await user.click(within(templates).getByRole('button', { name: 'Line items' }));

    expect(JSON.parse((field() as HTMLTextAreaElement).value)).toEqual({
      line_items: [
        { description: 'string', quantity: 'number', unit_price: 'number', amount: 'number' },
      ],
    });
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });

  it('offers Undo when a template replaces text the user wrote', async () => {
    const user = userEvent.setup();
    render(<Harness initial="Total and due date, please" />);

    await user.click(screen.getByRole('button', { name: 'Invoice header' }));
    expect(field()).toHaveValue(SCHEMA_TEMPLATES.find((t) => t.name === 'Invoice header')?.schema);
    expect(screen.getByRole('status')).toHaveTextContent(/Replaced your schema/);

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(field()).toHaveValue('Total and due date, please');
    expect(field()).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });

  it('withdraws Undo once the user edits the inserted template', async () => {
    const user = userEvent.setup();
    render(<Harness initial="my own words" />);
    await user.click(screen.getByRole('button', { name: 'Key facts' }));
    expect(screen.getByRole('button', { name: 'Undo' })).toBeInTheDocument();

    await user.type(field(), ' ');
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });

  it('keeps the text readable but unchangeable while disabled', () => {
    render(<Harness initial='{"a": 1}' disabled />);
    expect(field()).toHaveAttribute('readonly');
    expect(screen.getByRole('button', { name: 'Format JSON' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Line items' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'Treat as plain language' })).toBeDisabled();
  });
});
