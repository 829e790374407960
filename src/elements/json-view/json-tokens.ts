/** Split pretty-printed JSON into typed tokens, for highlighting as text (never as HTML). */
export type JsonTokenKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punct' | 'space';
export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false)|(null)|([{}[\],:])|(\s+)|(.)/gy;

export function tokenizeJson(text: string): JsonToken[] {
  const out: JsonToken[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text))) {
    if (m[1] !== undefined) {
      if (m[2] !== undefined) {
        out.push({ kind: 'key', text: m[1] });
        out.push({ kind: 'punct', text: m[2] });
      } else out.push({ kind: 'string', text: m[1] });
    } else if (m[3] !== undefined) out.push({ kind: 'number', text: m[3] });
    else if (m[4] !== undefined) out.push({ kind: 'boolean', text: m[4] });
    else if (m[5] !== undefined) out.push({ kind: 'null', text: m[5] });
    else if (m[6] !== undefined) out.push({ kind: 'punct', text: m[6] });
    else if (m[7] !== undefined) out.push({ kind: 'space', text: m[7] });
    else out.push({ kind: 'punct', text: m[8] });
  }
  return out;
}
