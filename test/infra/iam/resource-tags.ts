import { inputAliases } from './call-resources.ts';
import type { ResourceTagLookup } from './record-aws-calls.ts';

/** What an emulator answers about a resource's tags, by id or ARN. */
interface TagSource {
  tagsOf(idOrArn: string): Record<string, string> | undefined;
}

/** The tags every one of several resources carries with the same value. */
const common = (all: Record<string, string>[]): Record<string, string> =>
  Object.fromEntries(Object.entries(all[0] ?? {}).filter(([k, v]) => all.every((tags) => tags[k] === v)));

/**
 * The tags of the resource a VPC Lattice update or delete acts on, as the Lattice emulator holds them:
 * the input names it by id or ARN (`serviceIdentifier` …). BatchUpdateRule (authorized as UpdateRule)
 * names several rules; only the tags all of them carry count, as a condition must hold for each.
 */
export function latticeResourceTags(lattice: TagSource): ResourceTagLookup {
  const aliases = inputAliases['vpc-lattice'] ?? {};
  return (call) => {
    const kind = /^vpc-lattice:(?:Update|Delete)(\w+)$/.exec(call.action)?.[1];
    const member = kind ? aliases[`${kind}Id`] : undefined;
    if (!member) return undefined;
    const rules = call.input.rules as Array<Record<string, unknown>> | undefined;
    const ids = (kind === 'Rule' && rules ? rules.map((r) => r[member]) : [call.input[member]]).filter(
      (id): id is string => typeof id === 'string',
    );
    if (ids.length === 0) return undefined;
    return common(ids.map((id) => lattice.tagsOf(id) ?? {}));
  };
}
