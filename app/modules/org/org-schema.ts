import { z } from "zod";
import { ORG_UNIT_TYPES } from "./org-types";

export const unitName = z.string({ error: "请输入单位名称" }).trim().min(2, "单位名称至少 2 个字").max(100, "单位名称最多 100 个字");
export const unitCode = z
  .string({ error: "请输入单位编码" })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "单位编码只能包含小写字母、数字和短横线，2-63 位");

export const orgIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rename"), name: unitName }),
  z.object({
    intent: z.literal("create-child"),
    name: unitName,
    code: unitCode,
    type: z.enum(ORG_UNIT_TYPES as [string, ...string[]], { error: "请选择单位类型" }),
  }),
  z.object({ intent: z.literal("move"), parentId: z.coerce.number({ error: "请选择新的上级单位" }).int().positive("请选择新的上级单位") }),
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
]);
