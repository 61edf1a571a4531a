import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/http';
import { recordRead, resourceState } from '@/api/request-health';
import { addToOutbox, outboxEntries } from '@/features/conversation/reply-outbox';
import { announce, latestAnnouncement } from './announcer';
import { resetModuleState } from './module-state';

describe('resetModuleState', () => {
  it('forgets what every store that outlives a component holds in memory', () => {
    announce('Invoice March now needs your input');
    addToOutbox({ taskId: 't1', text: 'Use the second', baseline: undefined });
    recordRead(
      '/api/v1/tasks',
      new ApiError({ kind: 'http', status: 503, message: 'x', method: 'GET', path: '/' }),
    );
    localStorage.clear();

    resetModuleState();
    expect(latestAnnouncement()).toBeNull();
    expect(outboxEntries('t1')).toEqual([]);
    expect(resourceState('/api/v1/tasks')).toBeUndefined();
  });
});
