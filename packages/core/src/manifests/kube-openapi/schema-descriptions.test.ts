import { describe, expect, it } from 'vitest';
import { splitDescriptions, withDescriptions } from './schema-descriptions.ts';

describe('schema descriptions kept apart', () => {
  it('takes out description strings only, and puts each back first among its keys', () => {
    const schema = {
      description: 'A thing.',
      type: 'object',
      properties: {
        // A field named description is a schema, not a description: it stays.
        description: { description: 'What it is for.', type: 'string' },
        items: { type: 'array', items: { allOf: [{ $ref: '#/x' }], description: 'One item.' } },
      },
      enum: ['description'],
    };
    const { bare, descriptions } = splitDescriptions(schema);
    expect(bare).toEqual({
      type: 'object',
      properties: {
        description: { type: 'string' },
        items: { type: 'array', items: { allOf: [{ $ref: '#/x' }] } },
      },
      enum: ['description'],
    });
    const back = withDescriptions(bare, descriptions) as typeof schema;
    expect(back).toEqual(schema);
    expect(Object.keys(back.properties.items.items)).toEqual(['description', 'allOf']);
  });

  it('has no tree for a value without descriptions', () => {
    expect(splitDescriptions({ type: 'string', enum: ['a'] })).toEqual({
      bare: { type: 'string', enum: ['a'] },
    });
  });
});
