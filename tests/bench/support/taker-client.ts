// One virtual exam taker speaking to the app over real HTTP, exactly as a browser does: the login
// form, the start button, the server-rendered taking page, the page script's JSON autosave and the
// submit form. Each taker keeps its own session cookie; all share one keep-alive connection pool.
import http from "node:http";
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Wall time from sending the request to the last byte of the response. */
  ms: number;
}

/** A keep-alive pool for many takers; maxSockets bounds the connections to the server. */
export function createAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: "fifo" });
}

export class HttpSession {
  private cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly agent: http.Agent,
    private readonly timeoutMs = 60_000,
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  request(method: string, path: string, body?: { form?: Record<string, string>; json?: unknown }): Promise<HttpResult> {
    const url = new URL(path, this.baseUrl);
    // Asks for compression as a phone's browser does, so the server pays for it here too.
    const headers: Record<string, string> = { Accept: body?.json === undefined ? "text/html" : "application/json", "Accept-Encoding": "gzip, deflate, br" };
    if (this.cookies.size) headers.Cookie = this.cookieHeader;
    let payload: string | undefined;
    if (body?.form) {
      payload = new URLSearchParams(body.form).toString();
      headers["Content-Type"] = "application/x-www-form-urlencoded";
    } else if (body?.json !== undefined) {
      payload = JSON.stringify(body.json);
      headers["Content-Type"] = "application/json";
    }
    // Browsers send Origin on every POST; the app's CSRF check requires it.
    if (method !== "GET") headers.Origin = new URL(this.baseUrl).origin;
    if (payload !== undefined) headers["Content-Length"] = String(Buffer.byteLength(payload));
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method, headers, agent: this.agent, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          for (const line of res.headers["set-cookie"] ?? []) {
            const [pair] = line.split(";");
            const eq = pair!.indexOf("=");
            const name = pair!.slice(0, eq).trim();
            const value = pair!.slice(eq + 1).trim();
            if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
            else this.cookies.set(name, value);
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: decoded(Buffer.concat(chunks), res.headers["content-encoding"]).toString("utf8"), ms: performance.now() - started });
        });
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new Error(`timeout after ${this.timeoutMs} ms`)));
      // Whether the request went out on a kept-alive socket: a reset there is usually the server
      // closing an idle connection just as the client reused it (a browser would retry).
      req.on("error", (error: Error & { reusedSocket?: boolean }) => {
        error.reusedSocket = req.reusedSocket;
        reject(error);
      });
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}

export type ItemType = "single" | "multiple" | "truefalse" | "fill" | "essay";

export interface PaperItem {
  position: number;
  type: ItemType;
  /** ORIGINAL option indexes, in the order the page shows them (choice questions). */
  optionIndexes: number[];
  /** Number of blanks (fill questions). */
  blanks: number;
}

const TYPE_BY_LABEL: Record<string, ItemType> = { 单选题: "single", 多选题: "multiple", 判断题: "truefalse", 填空题: "fill", 简答题: "essay" };

/** Reads the questions of an open attempt from the server-rendered taking page. */
export function parsePaper(html: string): PaperItem[] {
  // React 18.3.1's renderToPipeableStream can leave NUL bytes where a 3-byte character did not fit
  // the end of its 2 KB chunk (react/react#31134); they may land inside a label, so drop them.
  html = html.replaceAll("\u0000", "");
  const items: PaperItem[] = [];
  const parts = html.split('<div id="q').slice(1);
  for (const part of parts) {
    const position = Number(/^(\d+)"/.exec(part)?.[1]);
    const label = /<span class="badge">([^<]+)<\/span>/.exec(part)?.[1] ?? "";
    const type = TYPE_BY_LABEL[label];
    if (!position || !type) throw new Error(`cannot read question ${position || "?"} (${label}) from the taking page`);
    const chunk = part.slice(0, part.indexOf("</fieldset>"));
    const name = `a${position}`;
    const optionIndexes = [...chunk.matchAll(new RegExp(`<input type="(?:radio|checkbox)" name="${name}" value="(\\d+)"`, "g"))].map((m) => Number(m[1]));
    const blanks = [...chunk.matchAll(new RegExp(`<input[^>]*type="text"[^>]*name="${name}"|<input[^>]*name="${name}"[^>]*type="text"`, "g"))].length;
    items.push({ position, type, optionIndexes, blanks });
  }
  return items;
}

/** A plausible answer for one question; `rng` returns [0, 1). */
export function randomAnswer(item: PaperItem, rng: () => number): unknown {
  const pick = <T>(list: T[]) => list[Math.floor(rng() * list.length)]!;
  switch (item.type) {
    case "single":
      return { choice: pick(item.optionIndexes) };
    case "multiple": {
      const chosen = item.optionIndexes.filter(() => rng() < 0.5);
      return { choices: chosen.length ? chosen.sort((a, b) => a - b) : [pick(item.optionIndexes)] };
    }
    case "truefalse":
      return { value: rng() < 0.5 };
    case "fill":
      return { blanks: Array.from({ length: item.blanks }, () => pick(["应急", "消防", "预案", "疏散", "120"])) };
    case "essay":
      return { text: "发现险情立即报告，组织群众疏散，做好现场警戒。" };
  }
}

export class TakerError extends Error {
  constructor(
    readonly step: string,
    readonly result: HttpResult | null,
    message: string,
  ) {
    super(`${step}: ${message}`);
  }
}

export class Taker {
  attemptId: number | null = null;
  paper: PaperItem[] = [];

  constructor(
    readonly session: HttpSession,
    readonly employeeNo: string,
    readonly password: string,
  ) {}

  /** The login form post; 302 with a session cookie on success, 429 with Retry-After when busy. */
  async login(): Promise<HttpResult> {
    return this.session.request("POST", "/login", { form: { identifier: this.employeeNo, password: this.password, redirectTo: "" } });
  }

  /** The 开始考试 form post on the exam's page; the app redirects to the new (or open) attempt. */
  async start(examId: number): Promise<HttpResult> {
    const result = await this.session.request("POST", `/my/exams/${examId}`, { form: { intent: "start" } });
    const location = result.headers.location ?? "";
    const match = /\/attempts\/(\d+)$/.exec(location);
    if (result.status === 302 && match) this.attemptId = Number(match[1]);
    return result;
  }

  /** GET of the server-rendered taking page, remembering its questions. */
  async loadPaper(): Promise<HttpResult> {
    const result = await this.session.request("GET", `/attempts/${this.requireAttempt()}`);
    if (result.status === 200) this.paper = parsePaper(result.body);
    return result;
  }

  /** The page script's autosave: one answer with the client's sequence number. */
  async save(position: number, answer: unknown, seq: number, flagged = false): Promise<HttpResult> {
    return this.session.request("POST", `/attempts/${this.requireAttempt()}/answers`, { json: { position, answer, flagged, seq } });
  }

  /** The 交卷 form post (what the page sends after the confirmation); 302 to the result page. */
  async submit(): Promise<HttpResult> {
    return this.session.request("POST", `/attempts/${this.requireAttempt()}?index`, { form: { intent: "submit" } });
  }

  private requireAttempt(): number {
    if (this.attemptId === null) throw new TakerError("attempt", null, "no attempt started");
    return this.attemptId;
  }
}

function decoded(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === "br") return zlib.brotliDecompressSync(body);
  if (encoding === "gzip") return zlib.gunzipSync(body);
  if (encoding === "deflate") return zlib.inflateSync(body);
  return body;
}
