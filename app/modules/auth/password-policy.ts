import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** The things a password must not simply repeat. */
export interface PasswordContext {
  employeeNo?: string | null;
  mobile?: string | null;
}

/** Returns a Chinese reason the password is not acceptable, or null when it is. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `密码至少 ${PASSWORD_MIN} 位`;
  if (length > PASSWORD_MAX) return `密码最多 ${PASSWORD_MAX} 位`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return "这是常见密码，很容易被猜中，请换一个";
  if (/^(.)\1+$/u.test(password)) return "密码不能由同一个字符重复组成";
  if (isSequence(lower)) return "密码不能是连续的数字或字母";
  for (const value of [context.employeeNo, context.mobile]) {
    if (value && value.length >= 4 && lower.includes(value.toLowerCase())) return "密码不能包含工号或手机号";
  }
  return null;
}

function isSequence(text: string): boolean {
  if (text.length < 4) return false;
  const codes = [...text].map((c) => c.codePointAt(0)!);
  const step = codes[1] - codes[0];
  if (step !== 1 && step !== -1) return false;
  return codes.every((code, i) => i === 0 || code - codes[i - 1] === step);
}
