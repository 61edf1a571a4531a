import { act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { latestAnnouncement } from '@/lib/announcer';
import { json, stubFetch } from '@/test/fetch-stub';
import { renderWithProviders } from '@/test/render';
import { writeTasks, type CachedTask } from '@/entities/task/cache';
import { useTaskEvents } from './use-task-events';

const TASK = '99999999-9999-4999-8999-999999999999';

function task(status: string, updatedAt: string, title = 'Invoice March'): CachedTask {
  return {
    task_id: TASK,
    agent_id: 'a1',
    status,
    title,
    created_at: '2026-05-11T10:15:00Z',
    updated_at: updatedAt,
  };
}

function Watcher({ onOpen }: { onOpen: (id: string) => void }) {
  useTaskEvents(onOpen);
  return null;
}

describe('useTaskEvents', () => {
  it('announces a change of status, reading nothing itself', () => {
    const { requests } = stubFetch(() => json({ ...task('completed', '2026-05-11T10:16:00Z') }));
    const { queryClient } = renderWithProviders(<Watcher onOpen={vi.fn()} />);

    const before = latestAnnouncement();
    act(() => writeTasks(queryClient, [task('running', '2026-05-11T10:15:01Z')]));
    // The first sight of a task is not a change.
    expect(latestAnnouncement()).toBe(before);

    act(() => writeTasks(queryClient, [task('waiting_for_input', '2026-05-11T10:15:20Z')]));
    expect(latestAnnouncement()?.text).toBe('Invoice March now needs your input');

    act(() => writeTasks(queryClient, [task('completed', '2026-05-11T10:16:00Z')]));
    expect(latestAnnouncement()?.text).toBe('Invoice March is now completed');
    // The answer is read by the view that shows it, not on every end anywhere.
    expect(requests).toEqual([]);
  });
});
