import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { OpenTaskById, parseTaskId } from './open-task-by-id';

describe('parseTaskId', () => {
  it.each([
    ['3f2c9a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5f', '3f2c9a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5f'],
    ['  3F2C9A1E-8B7D-4C2A-9E1F-0A1B2C3D4E5F\n', '3f2c9a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5f'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseTaskId(input)).toBe(expected);
  });

  it.each([
    '',
    'task-123',
    '3f2c9a1e8b7d4c2a9e1f0a1b2c3d4e5f',
    '3f2c9a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5',
    '3f2c9a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5g',
    '{3f2c9a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5f}',
  ])('refuses %j', (input) => {
    expect(parseTaskId(input)).toBeUndefined();
  });
});

describe('OpenTaskById', () => {
  it('explains on the field what is wrong, and goes nowhere', async () => {
    const user = userEvent.setup();
    const { location } = renderWithProviders(<OpenTaskById />, { path: '/tasks' });
    const field = screen.getByRole('textbox', { name: 'Task ID' });
    expect(field).not.toHaveAttribute('aria-invalid');

    await user.type(field, 'invoice-march');
    await user.click(screen.getByRole('button', { name: 'Open' }));

    const error = screen.getByRole('alert');
    expect(error).toHaveTextContent('not a task ID');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(error.textContent);
    expect(location.history).toEqual(['/tasks']);

    // The message goes as soon as the id is right.
    await user.clear(field);
    await user.type(field, '3f2c9a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5f');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(field).not.toHaveAttribute('aria-invalid');
  });

  it('asks for an id when the field is empty', async () => {
    const user = userEvent.setup();
    renderWithProviders(<OpenTaskById />, { path: '/tasks' });
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a task ID.');
  });

  it('opens a well-formed id, trimmed and in lower case, on Enter', async () => {
    const user = userEvent.setup();
    const { location } = renderWithProviders(<OpenTaskById />, { path: '/tasks' });
    await user.type(
      screen.getByRole('textbox', { name: 'Task ID' }),
      '  3F2C9A1E-8B7D-4C2A-9E1F-0A1B2C3D4E5F {Enter}',
    );
    expect(location.history?.at(-1)).toBe('/tasks/3f2c9a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5f');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
