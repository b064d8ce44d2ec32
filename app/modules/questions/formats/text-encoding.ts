// Text files (Aiken, GIFT) as uploaded from Chinese desktops: UTF-8 with or without BOM, UTF-16
// with BOM (Notepad's "Unicode"), or the legacy ANSI code page GBK (Notepad's default before
// Windows 10 1903, and still what many WPS / Excel "save as text" exports produce). Pure: no I/O.

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "gbk";

export interface DecodedText {
  text: string;
  /** What the bytes were read as. "gbk" is decoded with the GB18030 decoder, a superset of GBK. */
  encoding: TextEncodingName;
  /** Set when the bytes were neither valid UTF-8 nor valid GB18030: undecodable bytes became U+FFFD. */
  malformed?: true;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * The text of an uploaded file. A BOM decides (and is stripped); without one, bytes that are valid
 * UTF-8 are UTF-8 (this includes plain ASCII), anything else is read as GBK/GB18030.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    // The decoder consumes the BOM itself (ignoreBOM defaults to false).
    return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8" };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: the Chinese legacy encoding. GB18030's own BOM (84 31 95 33) decodes to U+FEFF.
    try {
      return { text: stripBom(new TextDecoder("gb18030", { fatal: true }).decode(bytes)), encoding: "gbk" };
    } catch {
      return { text: stripBom(new TextDecoder("gb18030").decode(bytes)), encoding: "gbk", malformed: true };
    }
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
