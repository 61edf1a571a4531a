import { describe, expect, it } from 'vitest';
import { observeStatus, transitionsOf } from './transitions-store';

describe('transitions store', () => {
  it('keeps the history of a task named like a property of Object as its own', () => {
    expect(transitionsOf('constructor')).toEqual([]);
    expect(transitionsOf('toString')).toEqual([]);
    observeStatus('constructor', 'running', 1_000);
    observeStatus('__proto__', 'running', 2_000);
    expect(transitionsOf('constructor')).toEqual([{ status: 'running', at: 1_000 }]);
    expect(transitionsOf('__proto__')).toEqual([{ status: 'running', at: 2_000 }]);
    expect(transitionsOf('toString')).toEqual([]);
  });
});
