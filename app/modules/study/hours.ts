// 学时 arithmetic. Hours are kept as integers × 100 (学时 1.5 → 150) so sums stay exact on every
// engine; only the display divides.

export interface HoursRule {
  /** Minutes of study that make one 学时 (the national convention for training is 45). */
  minutesPerHour: number;
  /** Credited 学时 are rounded down to a multiple of this step, in hundredths (50 = half a 学时). */
  stepX100: number;
}

export const DEFAULT_HOURS_RULE: HoursRule = { minutesPerHour: 45, stepX100: 50 };

/**
 * The 学时 (× 100) credited for `minutes` of study: minutes / minutesPerHour, rounded DOWN to the
 * rule's step — a 40-minute course at 45 min/学时 is 0.5 学时, not 1 — so nobody is credited for
 * study they did not do. Negative or non-finite input credits nothing.
 */
export function creditedHoursX100(minutes: number, rule: HoursRule = DEFAULT_HOURS_RULE): number {
  if (!Number.isFinite(minutes) || minutes <= 0) return 0;
  if (rule.minutesPerHour <= 0 || rule.stepX100 <= 0) throw new Error("invalid hours rule");
  // The epsilon keeps 90 / 45 * 100 from flooring to 199 on a float that came out as 199.999….
  const exact = Math.floor((minutes * 100) / rule.minutesPerHour + 1e-9);
  return Math.floor(exact / rule.stepX100) * rule.stepX100;
}

/** "1.5" for 150, "2" for 200, "0.25" for 25. */
export function formatHours(hoursX100: number): string {
  const whole = Math.trunc(hoursX100 / 100);
  const fraction = Math.abs(hoursX100 % 100);
  if (fraction === 0) return String(whole);
  const sign = hoursX100 < 0 && whole === 0 ? "-" : "";
  return `${sign}${whole}.${String(fraction).padStart(2, "0").replace(/0$/, "")}`;
}

/** Parses a 学时 value typed by a person ("1.5", "2") into × 100; null when not a valid amount. */
export function parseHours(text: string): number | null {
  const match = /^\s*(\d{1,4})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export function describeRule(rule: HoursRule): string {
  return `每学习 ${rule.minutesPerHour} 分钟计 1 学时，按 ${formatHours(rule.stepX100)} 学时向下取整`;
}
