/** A statement as aws.iam.getPolicyDocument takes it. */
interface StatementInput {
  effect?: string;
  actions?: string[];
  resources?: string[];
  principals?: Array<{ type: string; identifiers: string[] }>;
  conditions?: Array<{ test: string; variable: string; values: string[] }>;
}

export interface PolicyStatement {
  Effect: string;
  Action: string[];
  Resource: string[];
  Principal?: Record<string, string[]>;
  Condition?: Record<string, Record<string, string[]>>;
}

/** What AWS's getPolicyDocument data source renders, for the mocked provider call. */
export function renderPolicyDocument(statements: StatementInput[] = []): string {
  const rendered: PolicyStatement[] = statements.map((s) => ({
    Effect: s.effect ?? 'Allow',
    Action: s.actions ?? [],
    Resource: s.resources ?? [],
    ...(s.principals
      ? { Principal: Object.fromEntries(s.principals.map((p) => [p.type, p.identifiers])) }
      : {}),
    ...(s.conditions
      ? { Condition: Object.fromEntries(s.conditions.map((c) => [c.test, { [c.variable]: c.values }])) }
      : {}),
  }));
  return JSON.stringify({ Version: '2012-10-17', Statement: rendered });
}
