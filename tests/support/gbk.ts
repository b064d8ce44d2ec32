// A GBK encoder for tests, built by inverting the platform's own GB18030 decoder over the two-byte
// range, so test files can be written the way Chinese Windows tools write them.
let table: Map<string, number[]> | undefined;

function buildTable(): Map<string, number[]> {
  const decoder = new TextDecoder("gb18030");
  const map = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== "\ufffd" && !map.has(char)) map.set(char, [lead, trail]);
    }
  }
  return map;
}

/** `text` as GBK bytes; throws on a character GBK cannot hold. */
export function encodeGbk(text: string): Uint8Array {
  table ??= buildTable();
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(char);
      if (!bytes) throw new Error(`not in GBK: ${char}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
