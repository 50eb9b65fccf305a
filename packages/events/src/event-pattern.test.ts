import { describe, expect, it } from 'vitest';
import { type EventPattern, matchesPattern } from './event-pattern.ts';
import { fixture } from './fixtures/load-fixture.ts';
import { appMeshApiCallPatternExcluding, rulePatterns } from './rule-patterns.ts';

type Event = { detail: Record<string, unknown> } & Record<string, unknown>;

describe('matchesPattern', () => {
  const event = { source: 'x', detail: { n: 5, tags: ['a', 'b'], nested: { flag: true }, none: null } };

  it('matches exact values, numbers, booleans and null', () => {
    expect(matchesPattern({ source: ['y', 'x'] }, event)).toBe(true);
    expect(matchesPattern({ source: ['y'] }, event)).toBe(false);
    expect(matchesPattern({ detail: { n: [5], nested: { flag: [true] }, none: [null] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { n: ['5'] } }, event)).toBe(false);
  });

  it('matches an array field when any element matches', () => {
    expect(matchesPattern({ detail: { tags: ['b'] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { tags: ['c'] } }, event)).toBe(false);
  });

  it('supports prefix, anything-but and exists', () => {
    expect(matchesPattern({ source: [{ prefix: 'x' }] }, event)).toBe(true);
    expect(matchesPattern({ source: [{ 'anything-but': ['x'] }] }, event)).toBe(false);
    expect(matchesPattern({ source: [{ 'anything-but': 'z' }] }, event)).toBe(true);
    expect(matchesPattern({ source: [{ 'anything-but': { prefix: 'x' } }] }, event)).toBe(false);
    expect(matchesPattern({ detail: { n: [{ exists: true }], gone: [{ exists: false }] } }, event)).toBe(
      true,
    );
    expect(matchesPattern({ detail: { gone: [{ exists: true }] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { n: [{ exists: false }] } }, event)).toBe(false);
  });

  it('does not match a missing field with anything-but, as EventBridge does not', () => {
    expect(matchesPattern({ detail: { gone: [{ 'anything-but': 'z' }] } }, event)).toBe(false);
  });

  it('matches a nested pattern against a missing object only when every leaf accepts absence', () => {
    const pattern: EventPattern = { detail: { missing: { a: [{ exists: false }] } } };
    expect(matchesPattern(pattern, event)).toBe(true);
    expect(matchesPattern({ detail: { missing: { a: ['x'] } } }, event)).toBe(false);
  });
});

describe('rulePatterns', () => {
  it('route each inbound fixture to exactly its rule', () => {
    const routes: Array<[string, keyof typeof rulePatterns]> = [
      ['meshcd-git-push', 'gitPush'],
      ['codecommit-reference-updated', 'codeCommitPush'],
      ['codecommit-reference-created', 'codeCommitPush'],
      ['meshcd-kubernetes-object-changed', 'clusterObjectChanged'],
      ['kubernetes-event-exporter', 'kubernetesEventExporter'],
      ['cloudtrail-appmesh-update-route', 'appMeshApiCall'],
    ];
    for (const [name, rule] of routes) {
      const matched = Object.entries(rulePatterns)
        .filter(([, pattern]) => matchesPattern(pattern, fixture(name)))
        .map(([ruleName]) => ruleName);
      expect(matched, name).toEqual([rule]);
    }
  });

  it('leave out CodeCommit deletions, failed App Mesh calls and reads', () => {
    const deleted = fixture<Event>('codecommit-reference-updated');
    deleted.detail.event = 'referenceDeleted';
    expect(matchesPattern(rulePatterns.codeCommitPush, deleted)).toBe(false);
    const failed = fixture<Event>('cloudtrail-appmesh-update-route');
    failed.detail.errorCode = 'BadRequestException';
    expect(matchesPattern(rulePatterns.appMeshApiCall, failed)).toBe(false);
    const read = fixture<Event>('cloudtrail-appmesh-update-route');
    read.detail.eventName = 'DescribeRoute';
    expect(matchesPattern(rulePatterns.appMeshApiCall, read)).toBe(false);
  });

  it('leave out meshcd’s own App Mesh writes when its role is excluded', () => {
    const own = fixture<Event>('cloudtrail-appmesh-update-route');
    (own.detail.userIdentity as Record<string, unknown>).arn =
      'arn:aws:sts::123456789012:assumed-role/meshcd-reconcile/1710000000000';
    const pattern = appMeshApiCallPatternExcluding('123456789012', 'meshcd-reconcile');
    expect(matchesPattern(pattern, own)).toBe(false);
    expect(matchesPattern(pattern, fixture('cloudtrail-appmesh-update-route'))).toBe(true);
  });
});
