import { describe, expect, it } from 'vitest';
import { selectorMatches } from './label-selector.ts';

const labels = { mesh: 'shop', tier: 'web' };

describe('selectorMatches', () => {
  it.each([
    ['an absent selector matches nothing', undefined, false],
    ['an empty selector matches everything', {}, true],
    ['matchLabels all equal', { matchLabels: { mesh: 'shop' } }, true],
    ['matchLabels with one different value', { matchLabels: { mesh: 'shop', tier: 'db' } }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] }, true],
    ['NotIn', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] }, false],
    ['Exists', { matchExpressions: [{ key: 'mesh', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'mesh', operator: 'DoesNotExist' }] }, false],
    [
      'an unknown operator',
      { matchExpressions: [{ key: 'mesh', operator: 'Equals', values: ['shop'] }] },
      false,
    ],
  ])('%s', (_, selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
});
