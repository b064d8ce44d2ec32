import { describe, expect, it } from "vitest";
import { decodeText } from "~/modules/questions/formats/text-encoding";

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

// GBK code points, checked against the GB2312 table: 安 B0B2, 全 C8AB, 应 D3A6, 急 BCB1, 管 B9DC, 理 C0ED.
const GBK_ANQUAN = [0xb0, 0xb2, 0xc8, 0xab];
const GBK_YINGJIGUANLI = [0xd3, 0xa6, 0xbc, 0xb1, 0xb9, 0xdc, 0xc0, 0xed];

describe("decodeText", () => {
  it("reads UTF-8 without a BOM", () => {
    expect(decodeText(utf8("应急管理\nANSWER: A"))).toEqual({ text: "应急管理\nANSWER: A", encoding: "utf-8" });
  });

  it("strips a UTF-8 BOM", () => {
    const result = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("安全")]));
    expect(result).toEqual({ text: "安全", encoding: "utf-8" });
    expect(result.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("reads plain ASCII and empty input as UTF-8", () => {
    expect(decodeText(utf8("ANSWER: B"))).toEqual({ text: "ANSWER: B", encoding: "utf-8" });
    expect(decodeText(new Uint8Array())).toEqual({ text: "", encoding: "utf-8" });
  });

  it("reads GBK bytes (not valid UTF-8) as GBK", () => {
    expect(decodeText(bytes(...GBK_ANQUAN))).toEqual({ text: "安全", encoding: "gbk" });
    expect(decodeText(bytes(...GBK_YINGJIGUANLI))).toEqual({ text: "应急管理", encoding: "gbk" });
  });

  it("reads a GBK Aiken file with ASCII mixed in", () => {
    const file = bytes(...GBK_YINGJIGUANLI, 0x0d, 0x0a, ...utf8("A. "), ...GBK_ANQUAN, 0x0d, 0x0a, ...utf8("ANSWER: A"));
    expect(decodeText(file)).toEqual({ text: "应急管理\r\nA. 安全\r\nANSWER: A", encoding: "gbk" });
  });

  it("reads UTF-16 LE and BE with a BOM", () => {
    // 安 U+5B89, 全 U+5168
    expect(decodeText(bytes(0xff, 0xfe, 0x89, 0x5b, 0x68, 0x51))).toEqual({ text: "安全", encoding: "utf-16le" });
    expect(decodeText(bytes(0xfe, 0xff, 0x5b, 0x89, 0x51, 0x68))).toEqual({ text: "安全", encoding: "utf-16be" });
  });

  it("decodes characters outside GBK proper with the GB18030 superset", () => {
    // € is 0x80 in GBK/CP936 and GB18030.
    expect(decodeText(bytes(0x80, ...GBK_ANQUAN))).toEqual({ text: "€安全", encoding: "gbk" });
  });

  it("flags bytes that are neither UTF-8 nor GB18030", () => {
    const result = decodeText(bytes(...GBK_ANQUAN, 0xff));
    expect(result.encoding).toBe("gbk");
    expect(result.malformed).toBe(true);
    expect(result.text.startsWith("安全")).toBe(true);
  });
});
