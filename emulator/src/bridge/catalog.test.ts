import { describe, expect, it } from 'vitest';
import { latestKeys } from './catalog.js';

describe('trigger keys from the Functions emulator', () => {
  it('picks the newest generation of each trigger', () => {
    const listed = [
      'us-central1-a-0',
      'us-central1-b-0',
      'us-central1-a-1',
      'us-central1-a-10',
      'api',
    ];
    expect(latestKeys(['us-central1-a', 'us-central1-b'], listed)).toEqual(
      new Map([
        ['us-central1-a', 'us-central1-a-10'],
        ['us-central1-b', 'us-central1-b-0'],
      ]),
    );
  });

  it('does not take another function whose name extends this one', () => {
    expect(
      latestKeys(['us-central1-a'], ['us-central1-a-b-3', 'us-central1-a-2']).get('us-central1-a'),
    ).toBe('us-central1-a-2');
  });

  it('assumes generation 0 for a trigger it cannot find', () => {
    expect(latestKeys(['us-central1-a'], []).get('us-central1-a')).toBe('us-central1-a-0');
  });
});
