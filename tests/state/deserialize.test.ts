import fc from 'fast-check';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { readableDeserializer, UnreadableValue } from '../../src/state/deserialize.js';

// Keyv's own serializer and deserializer, the pair every stored record went through before.
const { serialize, deserialize } = new Keyv();
if (!serialize || !deserialize) throw new Error('keyv has no default serializer');
const fast = readableDeserializer(deserialize);

/** Strings Keyv escapes (a leading ":"), and ones that look like its escapes, mixed into any JSON value. */
const tricky = fc.oneof(fc.string(), fc.constantFrom(':', '::x', ':base64:', ':base64:aGk=', '":', 'a:":b', '[":', ',":'));
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('arr'), tie('obj')),
  arr: fc.array(tie('any'), { maxLength: 4 }),
  obj: fc.dictionary(tricky, tie('any'), { maxKeys: 4 }),
})).any;

describe('readableDeserializer', () => {
  it('GIVEN any record as Keyv serialises it THEN it reads back exactly as Keyv’s own deserializer reads it', async () => {
    await fc.assert(
      fc.asyncProperty(value, fc.option(fc.integer({ min: 0 }), { nil: undefined }), async (v, expires) => {
        const text = await serialize({ value: v, expires });
        expect(await fast(text)).toEqual(await deserialize(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('GIVEN a Buffer or a string with a leading colon THEN the escape is undone', async () => {
    const text = await serialize({ value: { a: ':x', b: [':y'], c: Buffer.from('hi') } });
    expect(await fast(text)).toEqual({ value: { a: ':x', b: [':y'], c: Buffer.from('hi') } });
  });

  it('GIVEN text that is not JSON THEN it reads as an UnreadableValue holding the text', async () => {
    const read = (await fast('{"value": nope')) as { value: unknown };
    expect(read.value).toBeInstanceOf(UnreadableValue);
    expect((read.value as UnreadableValue).text).toBe('{"value": nope');
  });
});
