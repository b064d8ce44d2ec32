// URL allow-lists shared by the schema (write time), the renderer (read time), the Markdown
// importer and the editor. Each check is a positive match on a small grammar: anything not matched
// — javascript:, vbscript:, data:text/html, protocol-relative //host, entity tricks — is refused.

/** Longest link we keep; longer ones are almost certainly pasted garbage. */
export const MAX_HREF_LENGTH = 2048;
/** A data: image larger than this (base64 characters, ≈ 256 KB decoded) must be uploaded instead. */
export const MAX_DATA_IMAGE_LENGTH = 350_000;

// Whitespace and control characters browsers silently strip or fold inside URLs ("java\tscript:").
// eslint-disable-next-line no-control-regex
const UNSAFE_URL_CHARS = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const HTTP_URL = /^https?:\/\//i;
const MAILTO_URL = /^mailto:[^\s"'<>\\@]+@[^\s"'<>\\@]+$/i;
// "/path" but never "//host" or "/\host", which browsers treat as another origin.
const SITE_PATH = /^\/(?![/\\])[^\\]*$/;
const UPLOAD_PATH = /^\/uploads\/(?:[A-Za-z0-9_-][A-Za-z0-9._~-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._~-]*$/;
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * The link target to emit, or null when the link is not allowed: http(s) URLs (normalised, no
 * user:password@), mailto: addresses, and site paths starting with a single "/".
 */
export function safeLinkHref(href: unknown): string | null {
  if (typeof href !== "string" || href.length === 0 || href.length > MAX_HREF_LENGTH) return null;
  if (UNSAFE_URL_CHARS.test(href)) return null;
  if (HTTP_URL.test(href)) {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return null;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (!url.hostname || url.username || url.password) return null;
    return url.href;
  }
  if (MAILTO_URL.test(href)) return href;
  if (SITE_PATH.test(href)) return href;
  return null;
}

export function isSafeLinkHref(href: unknown): href is string {
  return safeLinkHref(href) !== null;
}

/** Absolute http(s) links open in a new tab; site paths and mailto: do not. */
export function isExternalHref(href: string): boolean {
  return HTTP_URL.test(href);
}

/**
 * The image source to emit, or null: a file under /uploads/ (plain path segments, no "..") or a
 * small base64 data: URL of a raster type. SVG is refused everywhere because it can carry script.
 */
export function safeImageSrc(src: unknown): string | null {
  if (typeof src !== "string") return null;
  if (UPLOAD_PATH.test(src)) return src;
  if (src.length <= MAX_DATA_IMAGE_LENGTH && DATA_IMAGE.test(src)) return src;
  return null;
}

export function isSafeImageSrc(src: unknown): src is string {
  return safeImageSrc(src) !== null;
}
