import type { z } from 'zod';
import type { PathSegment } from '../manifest-object.ts';
import type { headers as headersSchema } from '../schemas/common.ts';
import type { RuleContext } from './rule-context.ts';

type HeaderMatches = z.infer<typeof headersSchema>;

/**
 * Header and metadata matches: a present `match` holds exactly one method, and a range must be non-empty
 * (start < end; App Mesh ranges are end-exclusive). Unlike the controller, every entry is checked, not just
 * the first range.
 */
export function checkHeaderMatches(
  ctx: RuleContext,
  list: HeaderMatches | undefined,
  path: readonly PathSegment[],
  requireMethod: boolean,
): void {
  list?.forEach((header, i) => {
    const match = header.match;
    if (!match) return;
    const methodPath = [...path, i, 'match'];
    ctx.oneOf(
      match,
      methodPath,
      ['exact', 'prefix', 'range', 'regex', 'suffix'],
      requireMethod ? 'exactly' : 'at most',
    );
    if (match.range && match.range.start >= match.range.end) {
      ctx.fail(
        [...methodPath, 'range'],
        `range start (${match.range.start}) must be less than end (${match.range.end})`,
      );
    }
  });
}

/** A query parameter's `match`, when present, must say `exact`. */
export function checkQueryParameters(
  ctx: RuleContext,
  list: readonly { match?: { exact?: string | undefined } | undefined }[] | undefined,
  path: readonly PathSegment[],
): void {
  list?.forEach((q, i) => {
    if (q.match && q.match.exact === undefined)
      ctx.fail([...path, i, 'match'], 'a query parameter match needs exact');
  });
}
