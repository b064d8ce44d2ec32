import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { zhCN } from "date-fns/locale";

export const TIME_ZONE = "Asia/Shanghai";

/** An instant (epoch ms) shown in Beijing time, e.g. "2026-11-29 21:44". */
export function formatInstant(epochMs: number, pattern = "yyyy-MM-dd HH:mm"): string {
  return format(new TZDate(epochMs, TIME_ZONE), pattern, { locale: zhCN });
}

/** Today's calendar date in Beijing, "YYYY-MM-DD". */
export function todayInShanghai(now = Date.now()): string {
  return format(new TZDate(now, TIME_ZONE), "yyyy-MM-dd");
}

/** Age in whole years on `today` for a "YYYY-MM-DD" birth date. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [ty, tm, td] = today.split("-").map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}
