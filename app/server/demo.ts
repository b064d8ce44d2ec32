import type { Db } from "#db/client";
import { demoCredentials, seedDemoIfEmpty, type DemoCredential } from "#db/seed/demo";

/** Seeds the demo city on an empty database; returns the demo accounts to print. */
export async function prepareDemo(db: Db): Promise<DemoCredential[]> {
  const started = Date.now();
  const seeded = await seedDemoIfEmpty(db);
  if (seeded) console.log(`demo city seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return seeded ?? demoCredentials();
}

export function announceDemo(credentials: DemoCredential[]): void {
  console.log("\n演示模式 demo mode — accounts (login with 工号 + password):");
  for (const c of credentials) console.log(`  ${c.label.padEnd(10, "　")} ${c.employeeNo.padEnd(12)} ${c.password}`);
  console.log("");
}
