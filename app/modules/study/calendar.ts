import { TZDate } from "@date-fns/tz";
import { TIME_ZONE } from "~/utils/time";

/** [start, end) of a calendar year in Beijing time, as epoch ms. */
export function yearRange(year: number): { from: number; to: number } {
  return { from: new TZDate(year, 0, 1, TIME_ZONE).getTime(), to: new TZDate(year + 1, 0, 1, TIME_ZONE).getTime() };
}

/** The Beijing-time year and month (1–12) of an instant. */
export function yearMonthOf(epochMs: number): { year: number; month: number } {
  const date = new TZDate(epochMs, TIME_ZONE);
  return { year: date.getFullYear(), month: date.getMonth() + 1 };
}

export function currentYear(now = Date.now()): number {
  return yearMonthOf(now).year;
}
