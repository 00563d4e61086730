/**
 * What `get` returns for a stored value that is not JSON: a damaged record, not an outage, so the
 * caller can back it up and say so instead of asking the user to retry forever.
 */
export class UnreadableValue {
  constructor(readonly text: unknown) {}
}

type Deserialize = (data: string) => unknown;

/**
 * Where Keyv's serializer may have escaped a string: a string value that begins with ":" (stored as
 * "::…", and Buffers as ":base64:…") always follows a `:`, `[` or `,`, or opens the text. A false alarm
 * (a key that starts with ":") only costs the slow path.
 */
const MAYBE_ESCAPED = /(?:^|[:[,])\s*":/;

/**
 * Keyv's deserializer, made fast and forgiving. Its default runs a reviver over every value of every
 * record to undo that escaping, which for a poll with a thousand votes costs more than the rest of a
 * vote; text without an escaped string parses to the same value with plain `JSON.parse`. A value that
 * no longer deserialises is read as an `UnreadableValue` instead of failing the read.
 */
export function readableDeserializer(original: Deserialize): (data: string) => Promise<unknown> {
  return async (data) => {
    try {
      return typeof data === 'string' && !MAYBE_ESCAPED.test(data) ? (JSON.parse(data) as unknown) : await original(data);
    } catch {
      return { value: new UnreadableValue(data) };
    }
  };
}
