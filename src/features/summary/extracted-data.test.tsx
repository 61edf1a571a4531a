import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { ExtractedData } from './extracted-data';

const RLO = '\u202E';

describe('ExtractedData and hidden characters', () => {
  it('spells out overrides in keys and values: "\\u202E00.0051" never reads as 1500.00', () => {
    renderWithProviders(
      <ExtractedData
        fileBase="task-x"
        data={{
          total: `${RLO}00.0051`,
          iban: `DE89 ${RLO}0003 2105 4400 6013 07`,
          [`file${RLO}`]: `invoice${RLO}fdp.exe`,
          tags: [`a${RLO}b`, 'c'],
          line_items: [{ [`sku${RLO}`]: `A${RLO}1`, amount: 2 }],
        }}
      />,
    );
    const region = screen.getByRole('region', { name: 'Extracted data' });
    expect(region.textContent).not.toContain(RLO);
    expect(region).toHaveTextContent('U+202E00.0051');
    expect(region).toHaveTextContent('DE89 U+202E0003');
    expect(region).toHaveTextContent('fileU+202E');
    expect(region).toHaveTextContent('invoiceU+202Efdp.exe');
    expect(region).toHaveTextContent('aU+202Eb, c');
    const table = within(region).getByRole('table', { name: 'line_items' });
    expect(within(table).getByRole('columnheader', { name: /skuU\+202E/ })).toBeVisible();
    expect(within(table).getByRole('cell', { name: 'AU+202E1' })).toBeVisible();
  });

  it('caps a tower of combining marks in a table cell', () => {
    renderWithProviders(
      <ExtractedData fileBase="task-x" data={[{ vendor: `Z${'\u0301'.repeat(600)}` }]} />,
    );
    const table = screen.getByRole('table', { name: 'Extracted data' });
    expect(within(table).getByRole('cell')).toHaveTextContent(`Z${'\u0301'.repeat(4)}+596 marks`);
  });

  it('shows a column a row lacks as empty, even one named `constructor`', () => {
    renderWithProviders(
      <ExtractedData fileBase="task-x" data={[{ constructor: 'first' }, { amount: 1 }]} />,
    );
    const table = screen.getByRole('table', { name: 'Extracted data' });
    expect(table.textContent).not.toContain('function');
    const cells = within(table).getAllByRole('cell');
    expect(cells.map((cell) => cell.textContent)).toEqual(['first', '—', '—', '1']);
  });
});

describe('ExtractedData on a narrow screen', () => {
  const rows = [{ invoice_number: 'A-1', vendor: 'ACME', total: 12, due_date: '2026-03-31' }];

  function widths(scroll: number, client: number) {
    vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(scroll);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(client);
  }
  afterEach(() => vi.restoreAllMocks());

  it('says the table scrolls sideways when it is wider than its box, and lets a keyboard scroll it', () => {
    widths(900, 358);
    renderWithProviders(<ExtractedData fileBase="task-x" data={rows} />);
    const table = screen.getByRole('table', { name: 'Extracted data' });
    const box = table.parentElement;
    expect(box).toHaveAttribute('tabindex', '0');
    expect(box).toHaveAccessibleDescription(/scroll sideways to see every column/);
    expect(screen.getByText(/scroll sideways to see every column/)).toBeVisible();
  });

  it('says nothing when the table fits', () => {
    widths(358, 358);
    renderWithProviders(<ExtractedData fileBase="task-x" data={rows} />);
    const table = screen.getByRole('table', { name: 'Extracted data' });
    expect(table.parentElement).not.toHaveAttribute('tabindex');
    expect(screen.queryByText(/scroll sideways/)).toBeNull();
  });
});
