import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '@/api/schemas';
import { renderWithProviders } from '@/test/render';
import { StatusFilter } from './status-filter';
import { countStatuses } from './task-counts';

const COUNTS = countStatuses(
  [
    {
      tasks: [
        { taskId: 'a', status: 'running' },
        { taskId: 'b', status: 'running' },
        { taskId: 'c', status: 'failed' },
      ],
      statuses: [],
      complete: false,
    },
  ],
  [],
);

function Harness({ initial = [] }: { initial?: TaskStatus[] }) {
  const [value, setValue] = useState<TaskStatus[]>(initial);
  return (
    <>
      <StatusFilter value={value} onChange={setValue} counts={COUNTS} />
      <output aria-label="Chosen">{value.join(',')}</output>
      <button type="button">Elsewhere</button>
    </>
  );
}

const combobox = () => screen.getByRole('combobox', { name: 'Status' });
const chosen = () => screen.getByRole('status', { name: 'Chosen' });

describe('StatusFilter', () => {
  it('opens a multi-select list of the statuses with their counts and the total', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    expect(combobox()).toHaveAttribute('aria-expanded', 'false');
    expect(combobox()).toHaveTextContent('All statuses');
    expect(combobox()).toHaveTextContent('Total: 3+');

    await user.click(combobox());
    expect(combobox()).toHaveAttribute('aria-expanded', 'true');
    const listbox = screen.getByRole('listbox', { name: 'Status' });
    expect(listbox).toHaveAttribute('aria-multiselectable', 'true');
    expect(screen.getAllByRole('option')).toHaveLength(8);
    expect(screen.getByRole('option', { name: /^Running/ })).toHaveTextContent('2+');
    expect(screen.getByRole('option', { name: /^Failed/ })).toHaveTextContent('1+');
    expect(listbox).toHaveAccessibleDescription(/loaded so far/);

    // Checking by pointer keeps it open, and focus on the combobox.
    await user.click(screen.getByRole('option', { name: /^Failed/ }));
    await user.click(screen.getByRole('option', { name: /^Running/ }));
    expect(chosen()).toHaveTextContent('failed,running');
    expect(screen.getByRole('option', { name: /^Failed/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(combobox()).toHaveFocus();
    expect(combobox()).toHaveAttribute('aria-expanded', 'true');
  });

  it('works by keyboard: arrows move, Space checks, Escape closes with focus kept', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness initial={['completed']} />);
    expect(combobox()).toHaveTextContent('Completed');
    await user.tab();
    expect(combobox()).toHaveFocus();

    await user.keyboard('{ArrowDown}');
    expect(combobox()).toHaveAttribute('aria-expanded', 'true');
    const active = () =>
      document.getElementById(combobox().getAttribute('aria-activedescendant') ?? '');
    expect(active()).toHaveTextContent('Pending');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(active()).toHaveTextContent('Running');
    await user.keyboard(' ');
    expect(chosen()).toHaveTextContent('completed,running');
    await user.keyboard('{End}{Enter}');
    expect(chosen()).toHaveTextContent('completed,running,stopped');
    await user.keyboard('{Home}');
    expect(active()).toHaveTextContent('Pending');

    await user.keyboard('{Escape}');
    expect(combobox()).toHaveAttribute('aria-expanded', 'false');
    expect(combobox()).toHaveFocus();
    expect(combobox()).toHaveTextContent('3 statuses');
  });

  it('closes on Tab and on a click elsewhere', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await user.click(combobox());
    await user.tab();
    expect(combobox()).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('button', { name: 'Elsewhere' })).toHaveFocus();

    await user.click(combobox());
    expect(combobox()).toHaveAttribute('aria-expanded', 'true');
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(combobox()).toHaveAttribute('aria-expanded', 'false');
  });
});
