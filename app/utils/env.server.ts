import { z } from "zod";

/** A yes/no variable; unset or empty means `unset`. */
const flag = (unset: boolean) =>
  z
    .enum(["1", "0", "true", "false", "yes", "no", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? unset : v === "1" || v === "true" || v === "yes"));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|mysql:\/\/|mariadb:\/\/)/, "DATABASE_URL must start with file: or mysql://")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** Page and form requests one process works on at once; more wait in order (app/server/admission.ts). */
    REQUEST_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
    /** HTTP worker processes on this machine; 1 serves from the main process itself. */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    /** Demo mode seeds a demo city on an empty database and prints the demo accounts. */
    DEMO_MODE: z.enum(["1", "0", "true", "false", "yes", "no", ""]).optional(),
    /** The public origin (https://train.example.gov.cn) used by the CSRF origin check behind a proxy. */
    APP_ORIGIN: z.string().url().optional(),
    /** Trust X-Forwarded-For / X-Forwarded-Proto from the reverse proxy in front of the app. */
    TRUST_PROXY: flag(false),
    /** Compress responses (brotli/gzip); turn off when the reverse proxy in front compresses. */
    COMPRESSION: flag(true),
    /** Concurrent password hashes per process; more logins queue. */
    HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
    HASH_QUEUE_LIMIT: z.coerce.number().int().min(0).max(100000).default(200),
  })
  .transform((env) => ({
    ...env,
    // Demo mode defaults to on for the embedded database and to off for MySQL.
    DEMO_MODE:
      env.DEMO_MODE === undefined || env.DEMO_MODE === ""
        ? !env.DATABASE_URL?.startsWith("mysql") && !env.DATABASE_URL?.startsWith("mariadb")
        : ["1", "true", "yes"].includes(env.DEMO_MODE),
  }));

export type Env = z.infer<typeof envSchema>;

/** Parses an environment; throws one readable error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
