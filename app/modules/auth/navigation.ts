import { can, type Action, type Principal } from "./permissions";

const ITEMS: Array<{ to: string; label: string; action: Action }> = [
  { to: "/learn", label: "我的学习", action: "study" },
  { to: "/my/exams", label: "我的考试", action: "study" },
  { to: "/courses", label: "课程", action: "course:author" },
  { to: "/banks", label: "题库", action: "bank:author" },
  { to: "/exams", label: "考试管理", action: "exam:author" },
  { to: "/grading", label: "阅卷", action: "exam:grade" },
  { to: "/syllabus", label: "培训大纲", action: "syllabus:manage" },
  { to: "/settings/study", label: "学时规则", action: "syllabus:manage" },
  { to: "/instructors", label: "师资库", action: "instructor:read" },
  { to: "/reports/study", label: "学习统计", action: "report:study" },
  { to: "/reports/exams", label: "考试统计", action: "report:exam" },
  { to: "/certificates", label: "证书", action: "certificate:read" },
  { to: "/people", label: "人员", action: "person:read" },
  { to: "/org", label: "组织机构", action: "org:read" },
];

/** The navigation a person sees: only modules that exist and that their roles may open. */
export function navigationFor(principal: Principal): Array<{ to: string; label: string }> {
  return [
    { to: "/home", label: "首页" },
    ...ITEMS.filter((item) => can(principal, item.action)).map(({ to, label }) => ({ to, label })),
    { to: "/account", label: "我的账号" },
  ];
}
