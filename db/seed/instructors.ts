// The demo instructor pool (师资库): the demo instructor, a dozen bureau cadres and station chiefs
// who teach, and external experts from the institutions a city bureau really draws on. Runs after
// the content import, so each instructor is linked to the published courses of their specialties.
import { ensureBuiltinCategories } from "~/modules/courses/courses.server";
import type { Db } from "../client";
import type { InstructorsTable } from "../schema";
import { insertedId } from "../sql-helpers";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { mobileOfSerial } from "./fake-person";

type Category = "hazard" | "enforcement" | "flood" | "publicity" | "drill" | "rescue";

const CATEGORY_WORDS: Record<Category, string> = {
  hazard: "隐患排查",
  enforcement: "执法办案",
  flood: "防汛防台",
  publicity: "宣传教育",
  drill: "实战演练",
  rescue: "应急救援",
};

interface InternalSlot {
  level: string;
  specialties: Category[];
  rating?: [number, number];
}

/** Bureau cadres (机关干部), in 工号 order. */
const CADRE_SLOTS: InternalSlot[] = [
  { level: "高级教员", specialties: ["enforcement", "hazard"], rating: [468, 25] },
  { level: "中级教员", specialties: ["flood", "drill"] },
  { level: "中级教员", specialties: ["publicity", "hazard"], rating: [430, 12] },
  { level: "高级教员", specialties: ["enforcement"] },
  { level: "初级教员", specialties: ["flood", "rescue"] },
  { level: "中级教员", specialties: ["publicity", "drill"], rating: [395, 7] },
];

/** Station and fire-team chiefs (站(队)长), in 工号 order. */
const CHIEF_SLOTS: InternalSlot[] = [
  { level: "中级教员", specialties: ["hazard", "drill"], rating: [452, 18] },
  { level: "初级教员", specialties: ["rescue", "drill"] },
  { level: "中级教员", specialties: ["hazard", "publicity"] },
  { level: "高级教员", specialties: ["flood", "rescue"], rating: [476, 21] },
  { level: "初级教员", specialties: ["enforcement", "hazard"] },
  { level: "中级教员", specialties: ["drill", "rescue"] },
];

interface ExternalExpert {
  name: string;
  organization: string;
  title: string;
  level: string;
  specialties: Category[];
  email: string | null;
  bio: string;
  rating?: [number, number];
}

const EXTERNAL_EXPERTS: ExternalExpert[] = [
  {
    name: "王建国",
    organization: "浙江省应急管理科学研究院",
    title: "研究员",
    level: "特聘专家",
    specialties: ["hazard", "enforcement"],
    email: "wangjg@example.org.cn",
    bio: "长期从事工贸行业和人员密集场所安全风险评估研究，参与多项省级安全生产地方标准编制。",
    rating: [482, 33],
  },
  {
    name: "李海燕",
    organization: "浙江省应急管理科学研究院",
    title: "高级工程师",
    level: "特聘专家",
    specialties: ["hazard", "drill"],
    email: "lihy@example.org.cn",
    bio: "研究方向为有限空间作业和城镇燃气安全，主持编写基层隐患排查指导手册。",
  },
  {
    name: "赵振华",
    organization: "杭州市消防救援支队",
    title: "防火监督处高级工程师",
    level: "特聘专家",
    specialties: ["hazard", "enforcement"],
    email: null,
    bio: "从事消防监督检查二十余年，熟悉高层建筑、老旧小区和出租房消防安全治理。",
    rating: [471, 27],
  },
  {
    name: "钱卫平",
    organization: "杭州市消防救援支队",
    title: "战训科科长",
    level: "高级教员",
    specialties: ["rescue", "drill"],
    email: null,
    bio: "负责支队战训业务，多次带队参加全省消防救援技能比武，擅长初期火灾处置和演练组织。",
  },
  {
    name: "孙丽君",
    organization: "杭州市气象局",
    title: "首席预报员、正研级高级工程师",
    level: "特聘专家",
    specialties: ["flood"],
    email: "sunlj@example.gov.cn",
    bio: "长期从事台风、强对流和梅汛期暴雨预报服务，讲授气象预警信号解读与防御措施。",
    rating: [490, 19],
  },
  {
    name: "周明",
    organization: "杭州市林业水利局",
    title: "防汛抗旱指挥部办公室高级工程师",
    level: "高级教员",
    specialties: ["flood", "drill"],
    email: null,
    bio: "参与编制市级防汛防台应急预案，熟悉山塘水库、地质灾害隐患点的转移避险组织。",
  },
  {
    name: "吴晓东",
    organization: "浙江钱塘律师事务所",
    title: "合伙人、执业律师",
    level: "特聘专家",
    specialties: ["enforcement"],
    email: "wuxd@example.com",
    bio: "专注行政执法与行政复议、行政诉讼业务，担任多个基层政府法律顾问，讲授执法程序与证据规则。",
    rating: [455, 14],
  },
  {
    name: "郑雅琴",
    organization: "杭州市红十字会",
    title: "应急救护培训导师",
    level: "高级教员",
    specialties: ["rescue", "publicity"],
    email: "zhengyq@example.org.cn",
    bio: "红十字应急救护培训导师，常年开展心肺复苏与自动体外除颤器（AED）、创伤救护进社区培训。",
  },
  {
    name: "冯志强",
    organization: "杭州市急救中心",
    title: "副主任医师",
    level: "特聘专家",
    specialties: ["rescue"],
    email: null,
    bio: "院前急救一线医师，讲授现场伤情判断、批量伤员检伤分类和转运衔接。",
  },
  {
    name: "何文静",
    organization: "浙江传媒学院",
    title: "副教授",
    level: "特聘专家",
    specialties: ["publicity"],
    email: "hewj@example.edu.cn",
    bio: "研究风险沟通与应急科普传播，指导基层开展消防安全宣传进村入户和舆情应对。",
  },
  {
    name: "蒋立新",
    organization: "国网杭州供电公司",
    title: "安全监察部高级工程师",
    level: "高级教员",
    specialties: ["hazard", "rescue"],
    email: null,
    bio: "从事电力安全监察工作，讲授电气线路火灾隐患识别、电动自行车充电安全和触电急救。",
  },
];

const DEMO_EMPLOYEE_NOS = DEMO_ACCOUNTS.map((a) => a.employeeNo);

function describe(specialties: readonly Category[]): string {
  return specialties.map((c) => CATEGORY_WORDS[c]).join("、");
}

type InstructorRow = Omit<InstructorsTable, "id" | "bio" | "rating_count" | "active"> & { bio: string; rating_count: number };

interface Planned {
  row: InstructorRow;
  specialties: readonly Category[];
}

function rated(rating: [number, number] | undefined) {
  return { rating_x100: rating?.[0] ?? null, rating_count: rating?.[1] ?? 0 };
}

/** Active persons of a post in 工号 order, the demo accounts left out. */
function peopleOfPost(db: Db, post: string, limit: number) {
  return db
    .selectFrom("persons")
    .select(["id", "name", "mobile", "rank", "org_unit_id", "employee_no"])
    .where("post", "=", post)
    .where("status", "=", "active")
    .where("employee_no", "not in", DEMO_EMPLOYEE_NOS)
    .orderBy("employee_no")
    .limit(limit)
    .execute();
}

async function planPool(db: Db, now: number): Promise<Planned[]> {
  const planned: Planned[] = [];
  const internal = (
    person: { id: number; name: string; mobile: string | null; org_unit_id: number },
    slot: InternalSlot,
    title: string | null,
    bio: string,
  ) =>
    planned.push({
      row: {
        person_id: person.id,
        name: person.name,
        kind: "internal",
        level: slot.level,
        org_unit_id: person.org_unit_id,
        organization: null,
        title,
        mobile: person.mobile,
        email: null,
        bio,
        ...rated(slot.rating),
        created_at: now,
        updated_at: now,
      },
      specialties: slot.specialties,
    });

  const demo = await db
    .selectFrom("persons")
    .select(["id", "name", "mobile", "rank", "org_unit_id"])
    .where("employee_no", "=", "instructor")
    .executeTakeFirst();
  if (demo) {
    internal(demo, { level: "高级教员", specialties: ["hazard", "rescue"], rating: [462, 40] }, demo.rank, "区应急管理局业务骨干，长期承担应消站站长和村社网格员的隐患排查、应急救援培训授课，参与编写本市基层培训手册。");
  }
  const [cadres, chiefs] = await Promise.all([peopleOfPost(db, "机关干部", CADRE_SLOTS.length), peopleOfPost(db, "站(队)长", CHIEF_SLOTS.length)]);
  cadres.forEach((person, i) => {
    const slot = CADRE_SLOTS[i];
    internal(person, slot, person.rank, `机关业务处室干部，熟悉${describe(slot.specialties)}工作，承担全市基层${describe(slot.specialties)}专题授课。`);
  });
  chiefs.forEach((person, i) => {
    const slot = CHIEF_SLOTS[i];
    internal(person, slot, "站(队)长", `基层一线站(队)长，在${describe(slot.specialties)}方面经验丰富，担任集中轮训实操带教。`);
  });

  EXTERNAL_EXPERTS.forEach((expert, i) => {
    planned.push({
      row: {
        person_id: null,
        name: expert.name,
        kind: "external",
        level: expert.level,
        org_unit_id: null,
        organization: expert.organization,
        title: expert.title,
        mobile: mobileOfSerial(900_001 + i),
        email: expert.email,
        bio: expert.bio,
        ...rated(expert.rating),
        created_at: now,
        updated_at: now,
      },
      specialties: expert.specialties,
    });
  });
  return planned;
}

async function poolIsEmpty(db: Db): Promise<boolean> {
  return (await db.selectFrom("instructors").select("id").limit(1).executeTakeFirst()) === undefined;
}

/**
 * Seeds the demo instructor pool when the instructors table is empty; returns how many were
 * added (0 when the pool already has anyone, including when another process seeded it just now).
 */
export async function seedDemoInstructors(db: Db, now = Date.now()): Promise<number> {
  if (!(await poolIsEmpty(db))) return 0;
  await ensureBuiltinCategories(db);
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await poolIsEmpty(trx))) return 0;
      const planned = await planPool(trx, now);
      const courses = await trx.selectFrom("courses").select(["id", "category"]).where("status", "=", "published").orderBy("id").execute();
      for (const { row, specialties } of planned) {
        const id = insertedId(await trx.insertInto("instructors").values(row).executeTakeFirst());
        await trx
          .insertInto("instructor_specialties")
          .values(specialties.map((category) => ({ instructor_id: id, category })))
          .execute();
        const taught = courses.filter((c) => (specialties as readonly string[]).includes(c.category));
        if (taught.length > 0) {
          await trx
            .insertInto("instructor_courses")
            .values(taught.map((c) => ({ instructor_id: id, course_id: c.id })))
            .execute();
        }
      }
      return planned.length;
    });
  } catch (error) {
    // Two app processes starting together: the loser hits the unique person_id and rolls back.
    if (!(await poolIsEmpty(db))) return 0;
    throw error;
  }
}
