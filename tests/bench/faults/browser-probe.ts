// A real browser (Debian's Chromium, as the browser tests use) inside the loaded app while the
// database is down: following a link there is a client-side navigation (a `.data` request), and it
// must end on the self-refreshing 系统繁忙 page, not the error boundary, and come back to the page
// it was going to by itself once the database answers again.
import { chromium, type Browser, type Page } from "@playwright/test";
import { sleep } from "./harness";

const BUSY_TITLE = "系统繁忙";
// The error boundary's headings (app/root.tsx): a page showing one has not recovered.
const ERROR_HEADINGS = ["出错了", "页面不存在", "无权访问"];

export class BrowserProbe {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  /** Opens `path` as the person whose session cookie is given, and waits for the app to hydrate. */
  static async open(baseUrl: string, cookieHeader: string, path: string): Promise<BrowserProbe> {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    const context = await browser.newContext();
    const cookies = cookieHeader.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseUrl };
    });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${baseUrl}${path}`);
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
    return new BrowserProbe(browser, page);
  }

  /** Clicks the named link; returns a problem, or null when the browser shows the 系统繁忙 page at the link's address. */
  async followLinkDuringOutage(name: string, expectedPath: string): Promise<string | null> {
    await this.page.getByRole("link", { name, exact: true }).first().click();
    try {
      await this.page.waitForFunction((title) => document.title === title, BUSY_TITLE, { timeout: 15_000 });
    } catch {
      return `following the link 「${name}」 during the outage showed «${await this.visibleText()}», not the 系统繁忙 page`;
    }
    const path = new URL(this.page.url()).pathname;
    return path === expectedPath ? null : `the 系统繁忙 page was at ${path}, not ${expectedPath}`;
  }

  /** Waits (up to `timeoutMs`) until the page has refreshed itself into the app's page at `path`; returns how long it took, or null. */
  async recovery(path: string, timeoutMs: number): Promise<number | null> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const title = await this.page.title().catch(() => BUSY_TITLE);
      const hydrated = await this.page.evaluate(() => document.documentElement.dataset.hydrated === "true").catch(() => false);
      const heading = await this.page.locator("h1").first().innerText({ timeout: 1_000 }).catch(() => "");
      const atPath = new URL(this.page.url()).pathname === path;
      if (title !== BUSY_TITLE && hydrated && atPath && !ERROR_HEADINGS.includes(heading)) return Date.now() - started;
      await sleep(250);
    }
    return null;
  }

  async visibleText(): Promise<string> {
    const text = await this.page.locator("body").innerText().catch(() => "");
    return `${await this.page.title().catch(() => "")} | ${text.replace(/\s+/g, " ").trim().slice(0, 60)}`;
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}
