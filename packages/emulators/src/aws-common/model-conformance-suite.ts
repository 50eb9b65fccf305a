/**
 * The conformance suite every model-driven emulator runs: the committed tables are what the generator makes
 * of ../shared/<service>/service-2.json, and for every constrained member the validator accepts one value and
 * rejects another. Without ../shared this fails under CI rather than skipping.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RawModel, type RawShape, render } from '../../scripts/model-tables.ts';
import { modelTargets } from '../../scripts/model-targets.ts';
import type { OperationDef } from './model-types.ts';
import type { ShapeValidator } from './validate-shape.ts';

const emulatorsDir = fileURLToPath(new URL('../..', import.meta.url));

export interface ConformanceSubject {
  readonly target: keyof typeof modelTargets;
  readonly operations: Readonly<Record<string, OperationDef>>;
  readonly operationCount: number;
  readonly validateShape: ShapeValidator;
}

function sharedPresent(path: string): boolean {
  if (existsSync(path)) return true;
  throw new Error(`the shared reference folder is missing: ${path}`);
}

export function describeModelConformance(subject: ConformanceSubject): void {
  const target = modelTargets[subject.target];
  const servicePath = resolve(emulatorsDir, '../../../shared', target.service, 'service-2.json');
  const { validateShape } = subject;

  describe.skipIf(!sharedPresent(servicePath))(
    `${target.service} model tables against service-2.json`,
    () => {
      const raw = JSON.parse(readFileSync(servicePath, 'utf8')) as RawModel;
      const shapeOf = (name: string) => raw.shapes[name] as RawShape;

      /** A value the raw model accepts for a shape, built from the raw model alone. */
      function sample(name: string): unknown {
        const s = shapeOf(name);
        switch (s.type) {
          case 'structure': {
            const members = Object.entries(s.members ?? {});
            if (s.union) {
              const [first, m] = members[0] as [string, { shape: string }];
              return { [first]: sample(m.shape) };
            }
            return Object.fromEntries(
              members.filter(([n]) => s.required?.includes(n)).map(([n, m]) => [n, sample(m.shape)]),
            );
          }
          case 'list':
            return Array.from({ length: Math.max(s.min ?? 0, 1) }, () => sample(s.member?.shape as string));
          case 'map':
            return Object.fromEntries(
              Array.from({ length: Math.max(s.min ?? 0, 1) }, (_, i) => [
                keyFor(s.key?.shape as string, i),
                sample(s.value?.shape as string),
              ]),
            );
          case 'string':
            return s.enum ? s.enum[0] : s.pattern ? matching(s) : stringFor(s, 0);
          case 'integer':
          case 'long':
            return s.min ?? (s.max !== undefined ? Math.min(1, s.max) : 1);
          case 'boolean':
            return true;
          default:
            return s.timestampFormat === 'iso8601' ? '2026-01-02T03:04:05.678Z' : 1563809909.282;
        }
      }

      /**
       * A string the raw pattern accepts whole, within the raw length bounds: generated from the pattern
       * (lookaheads dropped, as the generator cannot build them) and kept only if the full pattern matches.
       */
      function matching(s: RawShape): string {
        const pattern = s.pattern as string;
        const loose = pattern.replace(/\(\?[!=](?:[^()]|\([^()]*\))*\)/g, '');
        const fits = (x: string) =>
          wholeMatch(pattern).test(x) && x.length >= (s.min ?? 0) && x.length <= (s.max ?? Infinity);
        let generated: string[] = [];
        try {
          generated = fc.sample(fc.stringMatching(new RegExp(`^(?:${loose})$`)), { seed: 7, numRuns: 300 });
        } catch {
          // Anchors inside the pattern are beyond the string generator; the plain candidates below cover them.
        }
        const found = [...generated, '200', 'a', '0', 'abc'].find(fits);
        if (found === undefined) throw new Error(`no sample string for pattern ${pattern}`);
        return found;
      }
      const wholeMatch = (pattern: string) => new RegExp(`^(?:${pattern})$`);

      /** A string of the shape's minimum length; distinct per index so map keys do not collide. */
      function stringFor(s: RawShape, i: number): string {
        const base = `a${i.toString(36)}`;
        return base.padEnd(Math.max(s.min ?? 1, base.length), 'a');
      }
      const keyFor = (shape: string, i: number) => stringFor(shapeOf(shape), i);

      /** Values that break one constraint each of a constrained shape. */
      function rejected(name: string): { why: string; value: unknown }[] {
        const s = shapeOf(name);
        const out: { why: string; value: unknown }[] = [];
        if (s.enum) out.push({ why: 'not in enum', value: `${s.enum[0]}-not-a-member` });
        if (s.pattern) {
          const value = ['\u0001', ' ', '\n', 'Z!'].find((x) => !wholeMatch(s.pattern as string).test(x));
          out.push({ why: 'pattern', value });
        }
        const item = () => sample(s.member?.shape as string);
        const entries = (n: number) =>
          Object.fromEntries(
            Array.from({ length: n }, (_, i) => [
              keyFor(s.key?.shape as string, i),
              sample(s.value?.shape as string),
            ]),
          );
        if (s.min !== undefined && s.min > 0) {
          if (s.type === 'string') out.push({ why: 'below min length', value: 'a'.repeat(s.min - 1) });
          if (s.type === 'list')
            out.push({ why: 'below min items', value: Array.from({ length: s.min - 1 }, item) });
          if (s.type === 'map') out.push({ why: 'below min entries', value: entries(s.min - 1) });
        }
        if (s.min !== undefined && (s.type === 'integer' || s.type === 'long'))
          out.push({ why: 'below range', value: s.min - 1 });
        if (s.max !== undefined) {
          if (s.type === 'string') out.push({ why: 'above max length', value: 'a'.repeat(s.max + 1) });
          if (s.type === 'list')
            out.push({ why: 'above max items', value: Array.from({ length: s.max + 1 }, item) });
          if (s.type === 'map') out.push({ why: 'above max entries', value: entries(s.max + 1) });
          if (s.type === 'integer' || s.type === 'long') out.push({ why: 'above range', value: s.max + 1 });
        }
        return out;
      }

      const constrained = (s: RawShape) =>
        s.enum !== undefined || s.pattern !== undefined || s.min !== undefined || s.max !== undefined;

      const cases = Object.entries(raw.shapes).flatMap(([parent, s]) =>
        Object.entries(s.members ?? {})
          .filter(([, m]) => constrained(shapeOf(m.shape)))
          .map(([member, m]) => ({ at: `${parent}.${member}`, shape: m.shape })),
      );

      it('commits exactly what the generator makes of service-2.json', () => {
        const committed = readFileSync(resolve(emulatorsDir, target.out), 'utf8');
        expect(committed).toBe(render(raw, target));
      });

      it(`routes the ${subject.operationCount} operations with the method, URI and shapes of the model`, () => {
        expect(Object.keys(subject.operations)).toHaveLength(subject.operationCount);
        for (const [name, op] of Object.entries(raw.operations)) {
          const table = subject.operations[name] as OperationDef;
          expect([table.method, table.uri, table.input, table.output]).toEqual([
            op.http.method,
            op.http.requestUri,
            op.input?.shape,
            op.output?.shape,
          ]);
        }
      });

      it('finds constrained members to check', () => {
        expect(cases.length).toBeGreaterThan(100);
      });

      it.each(cases)('accepts a valid value and rejects each broken one for $at', ({ at, shape }) => {
        expect(validateShape(shape, sample(shape), at)).toEqual([]);
        const broken = rejected(shape);
        expect(broken.length).toBeGreaterThan(0);
        for (const { why, value } of broken) {
          const violations = validateShape(shape, value, at);
          expect(violations, `${at}: ${why}`).not.toEqual([]);
          expect(violations[0]?.path.startsWith(at)).toBe(true);
        }
      });

      const requiredCases = Object.entries(raw.shapes)
        .filter(([, s]) => s.type === 'structure' && (s.required?.length ?? 0) > 0 && !s.error)
        .flatMap(([name, s]) => (s.required ?? []).map((member) => ({ name, member })));

      it.each(requiredCases)('requires $name.$member', ({ name, member }) => {
        const value = sample(name) as Record<string, unknown>;
        expect(validateShape(name, value, name)).toEqual([]);
        delete value[member];
        expect(validateShape(name, value, name)).toContainEqual({
          path: `${name}.${member}`,
          message: 'is required',
        });
      });

      const unions = Object.entries(raw.shapes).filter(
        ([, s]) => s.union && Object.keys(s.members ?? {}).length > 1,
      );

      it.each(unions.map(([name]) => ({ name })))('accepts exactly one member of union $name', ({ name }) => {
        const s = shapeOf(name);
        const [a, b] = Object.entries(s.members ?? {}) as [
          [string, { shape: string }],
          [string, { shape: string }],
        ];
        expect(validateShape(name, { [a[0]]: sample(a[1].shape) }, name)).toEqual([]);
        expect(validateShape(name, {}, name)).not.toEqual([]);
        expect(
          validateShape(name, { [a[0]]: sample(a[1].shape), [b[0]]: sample(b[1].shape) }, name),
        ).not.toEqual([]);
      });
    },
  );
}
