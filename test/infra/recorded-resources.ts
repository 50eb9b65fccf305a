import { expect } from 'vitest';
import type { PolicyStatement } from './policy-document.ts';
import { arnOf, type RecordedResource, type SynthResult } from './synth-app.ts';

export const fnType = 'aws:lambda/function:Function';
export const roleType = 'aws:iam/role:Role';
export const ruleType = 'aws:cloudwatch/eventRule:EventRule';
export const targetType = 'aws:cloudwatch/eventTarget:EventTarget';
export const scheduleType = 'aws:scheduler/schedule:Schedule';

export const functionArn = (name: string) => arnOf(fnType, `${name}Function`);
export const roleArn = (name: string) => arnOf(roleType, `${name}Role`);
export const busArn = () => arnOf('aws:cloudwatch/eventBus:EventBus', 'MeshcdBusBus');
export const tableArn = () => arnOf('aws:dynamodb/table:Table', 'MeshcdStateTable');
export const dlqArn = () => arnOf('aws:sqs/queue:Queue', 'MeshcdDeadLettersQueue');
export const ruleArn = (name: string) => arnOf(ruleType, `${name}Rule`);

/** Queries over one synthesis: resources by type and name, their inputs, and each function's grants. */
export function recorded(app: () => SynthResult) {
  const all = (type: string) => app().resources.filter((r) => r.type === type);
  const one = (type: string, name: string): RecordedResource => {
    const found = app().resources.find((r) => r.type === type && r.name === name);
    if (!found) throw new Error(`no ${type} named ${name}`);
    return found;
  };
  const input = <T = unknown>(r: RecordedResource, key: string) => r.inputs[key] as T;

  /** The inline policy statements of a role. */
  const statementsOfRole = (roleName: string): PolicyStatement[] => {
    const inline = input<Array<{ policy: string }>>(one(roleType, roleName), 'inlinePolicies');
    return inline.flatMap((p) => (JSON.parse(p.policy) as { Statement: PolicyStatement[] }).Statement);
  };
  /** The inline policy statements of a function's role. */
  const statementsOf = (functionName: string) => statementsOfRole(`${functionName}Role`);

  /** action → resources it is granted on, across the statements. */
  const grants = (functionName: string): Record<string, string[]> => {
    const map: Record<string, string[]> = {};
    for (const s of statementsOf(functionName)) {
      expect(s.Effect).toBe('Allow');
      for (const action of s.Action) map[action] = [...(map[action] ?? []), ...s.Resource].sort();
    }
    return map;
  };
  return { all, one, input, statementsOf, statementsOfRole, grants };
}
