import { describe, expect, it } from "vitest";
import { parseEnv } from "~/utils/env.server";

describe("parseEnv", () => {
  it("defaults to the embedded database on port 3000 in demo mode", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.NODE_ENV).toBe("development");
    expect(env.DEMO_MODE).toBe(true);
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.COMPRESSION).toBe(true);
    expect(env.HASH_CONCURRENCY).toBe(2);
  });

  it("accepts file: and mysql:// URLs and treats an empty one as unset", () => {
    expect(parseEnv({ DATABASE_URL: "file:./data/x.db" }).DATABASE_URL).toBe("file:./data/x.db");
    expect(parseEnv({ DATABASE_URL: "mysql://u:p@db:3306/app" }).DATABASE_URL).toBe("mysql://u:p@db:3306/app");
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("turns demo mode off by default on MySQL but honours an explicit flag", () => {
    expect(parseEnv({ DATABASE_URL: "mysql://root@127.0.0.1/app" }).DEMO_MODE).toBe(false);
    expect(parseEnv({ DATABASE_URL: "mysql://root@127.0.0.1/app", DEMO_MODE: "1" }).DEMO_MODE).toBe(true);
    expect(parseEnv({ DEMO_MODE: "false" }).DEMO_MODE).toBe(false);
    expect(parseEnv({ DEMO_MODE: "yes" }).DEMO_MODE).toBe(true);
  });

  it("coerces numbers and flags", () => {
    const env = parseEnv({ PORT: "8080", TRUST_PROXY: "true", HASH_CONCURRENCY: "4", NODE_ENV: "production", COMPRESSION: "0" });
    expect(env.PORT).toBe(8080);
    expect(env.COMPRESSION).toBe(false);
    expect(parseEnv({ COMPRESSION: "" }).COMPRESSION).toBe(true);
    expect(parseEnv({ COMPRESSION: "yes" }).COMPRESSION).toBe(true);
    expect(env.TRUST_PROXY).toBe(true);
    expect(env.HASH_CONCURRENCY).toBe(4);
    expect(env.NODE_ENV).toBe("production");
  });

  it("names every bad variable in one error", () => {
    expect(() => parseEnv({ PORT: "70000", DATABASE_URL: "postgres://x", NODE_ENV: "staging" })).toThrowError(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
    try {
      parseEnv({ PORT: "abc", APP_ORIGIN: "not a url", DEMO_MODE: "maybe" });
      expect.unreachable();
    } catch (error) {
      const message = String(error);
      for (const name of ["PORT", "APP_ORIGIN", "DEMO_MODE"]) expect(message).toContain(name);
    }
  });
});
