import type { Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { ManifestObject, PathSegment } from '../manifest-object.ts';
import { at } from '../schema-issues.ts';

/** Collects rule violations for one object, each pointing at the offending field. */
export class RuleContext {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly object: ManifestObject) {}

  fail(path: readonly PathSegment[], message: string): void {
    this.diagnostics.push(at(this.object, path, 'rule-violation', message));
  }

  /** A union: of the named members, exactly one (or, with `optional`, at most one) may be set. */
  oneOf(
    value: Record<string, unknown> | undefined,
    path: readonly PathSegment[],
    members: readonly string[],
    mode: 'exactly' | 'at most' = 'exactly',
  ): void {
    if (value === undefined) return;
    const set = members.filter((m) => value[m] !== undefined);
    if (set.length > 1) {
      this.fail([...path, set[1]!], `set only one of ${members.join(', ')}; found ${set.join(' and ')}`);
    } else if (set.length === 0 && mode === 'exactly') {
      this.fail(path, `exactly one of ${members.join(', ')} is required`);
    }
  }

  /** A typed reference or an ARN, exactly one: the controller silently lets the ARN win or sends an empty name. */
  refOrArn(value: Record<string, unknown>, path: readonly PathSegment[], ref: string, arn: string): void {
    const hasRef = value[ref] !== undefined;
    const hasArn = value[arn] !== undefined;
    if (hasRef && hasArn) this.fail([...path, arn], `set either ${ref} or ${arn}, not both`);
    else if (!hasRef && !hasArn) this.fail(path, `one of ${ref} or ${arn} is required`);
  }
}
