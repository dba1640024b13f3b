/**
 * The first key a JSON text repeats within one object. JSON.parse keeps the last value of a
 * repeated key, other readers the first, so `{"Effect":"Allow","Effect":"Deny"}` means what the
 * reader decides: a policy that repeats a key is not one the checker can read as AWS does.
 * One pass over the text, without recursion (documents nested any depth are read).
 */

interface RepeatedKey {
  readonly key: string;
  /** JSON pointer of the object that repeats it. */
  readonly pointer: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface Frame {
  /** Keys seen so far; undefined for an array. */
  readonly keys: Set<string> | undefined;
  /** Pointer segment of this container within its parent ('' at the top). */
  readonly segment: string;
  /** An array's next index. */
  index: number;
}

/**
 * The first repeated key in `text`, which must be valid JSON (call after JSON.parse accepted it),
 * or undefined when no object repeats a key.
 */
export function firstRepeatedKey(text: string): RepeatedKey | undefined {
  const stack: Frame[] = [];
  /** The key just read in the innermost object, waiting for its value. */
  let pendingKey: string | undefined;
  const pointerOf = (extra: readonly string[]) =>
    [...stack.slice(1).map((frame) => frame.segment), ...extra].map((segment) => `/${escapePointer(segment)}`).join('');
  const segmentForValue = (): string => {
    const top = stack[stack.length - 1];
    if (top === undefined) return '';
    if (top.keys === undefined) return String(top.index);
    return pendingKey ?? '';
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      let end = i + 1;
      let escaped = false;
      while (text.charCodeAt(end) !== QUOTE) {
        if (text.charCodeAt(end) === BACKSLASH) {
          escaped = true;
          end++;
        }
        end++;
      }
      const top = stack[stack.length - 1];
      const isKey = top?.keys !== undefined && pendingKey === undefined;
      if (isKey) {
        const raw = text.slice(i + 1, end);
        const key = escaped ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (top.keys!.has(key)) return { key, pointer: pointerOf([]) };
        top.keys!.add(key);
        pendingKey = key;
      }
      i = end;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      stack.push({ keys: code === 0x7b ? new Set() : undefined, segment: segmentForValue(), index: 0 });
      pendingKey = undefined;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      stack.pop();
      pendingKey = undefined;
    } else if (code === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top !== undefined && top.keys === undefined) top.index++;
      pendingKey = undefined;
    }
  }
  return undefined;
}
