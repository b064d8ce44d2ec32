import { z } from "zod";
import { PASSWORD_MAX } from "./password-policy";

export const loginSchema = z.object({
  identifier: z.string({ error: "请输入工号或手机号" }).trim().min(1, "请输入工号或手机号").max(64, "工号或手机号过长"),
  password: z.string({ error: "请输入密码" }).min(1, "请输入密码").max(PASSWORD_MAX * 4, "密码过长"),
  redirectTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "请输入当前密码" }).min(1, "请输入当前密码"),
    newPassword: z.string({ error: "请输入新密码" }).min(1, "请输入新密码"),
    confirmPassword: z.string({ error: "请再次输入新密码" }).min(1, "请再次输入新密码"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "两次输入的新密码不一致" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "新密码不能与当前密码相同" });

/** zod issues as one message per field, for rendering next to each field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_form");
    out[key] ??= issue.message;
  }
  return out;
}
