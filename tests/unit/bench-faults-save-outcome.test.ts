// What the taking page's autosave does with each kind of response (use-answer-sync.ts): only a
// JSON acknowledgement or a JSON refusal of the answer removes it from the local journal.
import { describe, expect, it } from "vitest";
import { saveOutcome } from "~/components/exam/use-answer-sync";

describe("autosave response handling", () => {
  it("acknowledges saved and stale answers", () => {
    expect(saveOutcome(200, { status: "saved", seq: 7, savedAt: 1, remainingMs: 5 }, null)).toMatchObject({ kind: "acked", ack: { seq: 7 } });
    expect(saveOutcome(200, { status: "stale", seq: 9, savedAt: 1, remainingMs: null }, null)).toMatchObject({ kind: "acked", ack: { seq: 9 } });
  });

  it("drops an answer only on a JSON refusal of the answer itself", () => {
    expect(saveOutcome(409, { error: "已超过交卷时间" }, null)).toEqual({ kind: "refused", message: "已超过交卷时间" });
    expect(saveOutcome(404, { error: "题目不存在" }, null)).toEqual({ kind: "refused", message: "题目不存在" });
    expect(saveOutcome(400, { error: "请求无效" }, null)).toEqual({ kind: "refused", message: "请求无效" });
  });

  it("keeps the answer for later on a database outage, honouring Retry-After", () => {
    expect(saveOutcome(503, { error: "系统繁忙，请稍后重试" }, "2")).toEqual({ kind: "retry", retryAfterMs: 2000 });
    expect(saveOutcome(500, null, null)).toEqual({ kind: "retry", retryAfterMs: null });
    expect(saveOutcome(502, null, "soon")).toEqual({ kind: "retry", retryAfterMs: null });
  });

  it("keeps the answer on anything that is not the app's JSON answer", () => {
    // 429 from a proxy, a login page after the session expired (a redirect, or HTML with 200),
    // a 409 HTML page from a proxy, a network error (status 0).
    expect(saveOutcome(429, { error: "slow down" }, "1").kind).toBe("retry");
    expect(saveOutcome(200, null, null).kind).toBe("retry");
    expect(saveOutcome(200, { ok: true }, null).kind).toBe("retry");
    expect(saveOutcome(409, null, null).kind).toBe("retry");
    expect(saveOutcome(401, { error: "请先登录" }, null).kind).toBe("retry");
    expect(saveOutcome(0, null, null).kind).toBe("retry");
  });
});
