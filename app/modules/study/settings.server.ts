import type { Db } from "#db/client";
import { DEFAULT_HOURS_RULE, type HoursRule } from "./hours";

const KEY = "study.hours_rule";

/** The configured 学时 rule (45 minutes = 1 学时, half steps, unless an admin changed it). */
export async function getHoursRule(db: Db): Promise<HoursRule> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
  if (!row) return DEFAULT_HOURS_RULE;
  const parsed = JSON.parse(row.value) as Partial<HoursRule>;
  const minutesPerHour = Number(parsed.minutesPerHour);
  const stepX100 = Number(parsed.stepX100);
  return minutesPerHour > 0 && stepX100 > 0 ? { minutesPerHour, stepX100 } : DEFAULT_HOURS_RULE;
}

export async function setHoursRule(db: Db, rule: HoursRule, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("settings").where("key", "=", KEY).execute();
    await trx.insertInto("settings").values({ key: KEY, value: JSON.stringify(rule), updated_at: now }).execute();
  });
}
