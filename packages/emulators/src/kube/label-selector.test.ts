import { describe, expect, it } from 'vitest';
import { matchesLabels, parseLabelSelector } from './label-selector.ts';

const select = (selector: string, labels: Record<string, string>) =>
  matchesLabels(parseLabelSelector(selector), labels);

describe('label selectors', () => {
  const web = { app: 'web', tier: 'front', 'meshcd.io/target': 'prod' };

  it('matches equality written as = or ==', () => {
    expect(select('app=web', web)).toBe(true);
    expect(select('app==web', web)).toBe(true);
    expect(select('app=api', web)).toBe(false);
  });

  it('treats != as true when the label is absent', () => {
    expect(select('app!=api', web)).toBe(true);
    expect(select('app!=web', web)).toBe(false);
    expect(select('zone!=a', web)).toBe(true);
  });

  it('matches set membership with in and notin', () => {
    expect(select('tier in (front, back)', web)).toBe(true);
    expect(select('tier in (back)', web)).toBe(false);
    expect(select('tier notin (back,db)', web)).toBe(true);
    expect(select('zone notin (a)', web)).toBe(true);
    expect(select('zone in (a)', web)).toBe(false);
  });

  it('matches existence and absence of a key', () => {
    expect(select('meshcd.io/target', web)).toBe(true);
    expect(select('!meshcd.io/target', web)).toBe(false);
    expect(select('!zone', web)).toBe(true);
  });

  it('requires every comma-separated requirement, commas inside sets excluded', () => {
    expect(select('app=web,tier in (front,back),!zone', web)).toBe(true);
    expect(select('app=web,tier in (back,db)', web)).toBe(false);
  });

  it('matches everything with an empty selector', () => {
    expect(select('', {})).toBe(true);
  });

  it('rejects a malformed key with a 400 naming it', () => {
    expect(() => parseLabelSelector('bad key=x')).toThrow(expect.objectContaining({ code: 400 }));
    expect(() => parseLabelSelector('-app=x')).toThrow(/invalid label key "-app"/);
  });
});
