import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "~/entry.server";

async function through(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(withoutNulBytes())) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

describe("withoutNulBytes", () => {
  it("drops the zero padding React 18 can flush and keeps every Chinese character whole", async () => {
    const text = "<p>第 1 题：发现燃气泄漏，首先应当</p>";
    const bytes = Buffer.from(text);
    // A chunk cut inside a 3-byte character, padded with zeros, then the rest.
    const cut = bytes.indexOf(Buffer.from("燃")) + 1;
    const padded = Buffer.concat([bytes.subarray(0, cut), Buffer.alloc(7)]);
    expect((await through([padded, Buffer.alloc(3), bytes.subarray(cut)])).toString("utf8")).toBe(text);
  });

  it("passes clean chunks through unchanged", async () => {
    const chunks = [Buffer.from("<!DOCTYPE html>"), Buffer.from("<html lang=\"zh-CN\">应急</html>")];
    expect(await through(chunks)).toEqual(Buffer.concat(chunks));
  });
});
