import { expect, test } from "./support/fixtures";

// Takers are on phones on weak networks: what the browser downloads comes compressed when it asks.
test("pages and the app's scripts come compressed; a tiny file is sent as it is", async ({ page }) => {
  // Each script's encoding, and whether it is big enough (1 KB) to be worth compressing.
  const scripts: Array<Promise<{ encoding: string | undefined; big: boolean }>> = [];
  page.on("response", (response) => {
    if (!new URL(response.url()).pathname.endsWith(".js")) return;
    scripts.push(Promise.all([response.allHeaders(), response.body()]).then(([h, body]) => ({ encoding: h["content-encoding"], big: body.length > 1024 })));
  });
  const response = await page.goto("/login");
  expect(await response!.headerValue("content-encoding")).toBe("br");
  await expect(page.getByRole("button", { name: "登录" })).toBeVisible();
  const seen = await Promise.all(scripts);
  expect(seen.filter((s) => s.big).length).toBeGreaterThan(0);
  for (const script of seen) expect(script.encoding).toBe(script.big ? "br" : undefined);

  const icon = await page.request.get("/favicon.svg", { headers: { "Accept-Encoding": "gzip, br" } });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-encoding"]).toBeUndefined();
  // A client that does not ask for compression gets the page as it is.
  const plain = await page.request.get("/login", { headers: { "Accept-Encoding": "identity" } });
  expect(plain.headers()["content-encoding"]).toBeUndefined();
  expect(await plain.text()).toContain("登录");
});
