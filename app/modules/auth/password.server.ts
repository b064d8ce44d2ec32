import { hash, verify } from "@node-rs/argon2";
import { getEnv } from "~/utils/env.server";
import { Semaphore } from "./semaphore";

// OWASP's argon2id recommendation: 19 MiB memory, 2 iterations, 1 lane.
// algorithm 2 is Algorithm.Argon2id (a const enum, which isolated modules cannot import).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

let gate: Semaphore | undefined;
function hashingGate(): Semaphore {
  const env = getEnv();
  gate ??= new Semaphore(env.HASH_CONCURRENCY, env.HASH_QUEUE_LIMIT);
  return gate;
}

export function hashPassword(password: string): Promise<string> {
  return hashingGate().run(() => hash(password, ARGON2_OPTIONS));
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return hashingGate().run(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

// Verified against when the account does not exist, so both failures take the same time.
let decoyHash: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hash("decoy-password-never-valid", ARGON2_OPTIONS);
  await verifyPassword(await decoyHash, password);
  return false;
}
