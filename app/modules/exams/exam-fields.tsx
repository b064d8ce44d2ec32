// The exam settings fields, shared by the new-exam page and the exam page. Client-safe.
import { Field } from "~/components/form";
import { CERTIFICATE_TYPE_LABELS, COUNTING_LABELS, EXAM_KIND_LABELS, VISIBILITY_LABELS, type ExamFormValues } from "./exam-schema";
import { PAPER_MODE_LABELS } from "./paper-schema";

export interface ExamFieldOptions {
  papers: Array<{ id: number; title: string; mode: "fixed" | "drawn" }>;
  courses: Array<{ id: number; title: string }>;
}

function Select({ name, value, choices, empty }: { name: string; value: string; choices: Array<[string, string]>; empty?: string }) {
  return (
    <select id={name} name={name} defaultValue={value}>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {choices.map(([k, label]) => (
        <option key={k} value={k}>
          {label}
        </option>
      ))}
    </select>
  );
}

export function ExamFields({ values: v, errors: e, options }: { values: ExamFormValues; errors: Record<string, string>; options: ExamFieldOptions }) {
  const courses = options.courses.map((c): [string, string] => [String(c.id), c.title]);
  return (
    <>
      <Field label="考试名称" name="title" error={e.title}>
        <input id="title" name="title" defaultValue={v.title} maxLength={200} />
      </Field>
      <Field label="说明（考生可见）" name="description" error={e.description}>
        <textarea id="description" name="description" rows={2} defaultValue={v.description} />
      </Field>
      <div className="exa-grid">
        <Field label="考试类型" name="kind" error={e.kind}>
          <Select name="kind" value={v.kind} choices={Object.entries(EXAM_KIND_LABELS)} />
        </Field>
        <Field label="证书类型（证书考试）" name="certificateType" error={e.certificateType}>
          <Select name="certificateType" value={v.certificateType} choices={Object.entries(CERTIFICATE_TYPE_LABELS)} empty="（不发证）" />
        </Field>
        <Field label="证书有效期（月）" name="certificateValidMonths" error={e.certificateValidMonths}>
          <input id="certificateValidMonths" name="certificateValidMonths" inputMode="numeric" defaultValue={v.certificateValidMonths} />
        </Field>
      </div>
      <div className="exa-grid">
        <Field label="所属课程（结业考试）" name="courseId" error={e.courseId}>
          <Select name="courseId" value={v.courseId} choices={courses} empty="（无）" />
        </Field>
        <Field label="须先学完的课程（参考资格）" name="requiredCourseId" error={e.requiredCourseId}>
          <Select name="requiredCourseId" value={v.requiredCourseId} choices={courses} empty="（不要求）" />
        </Field>
        <Field label="试卷" name="paperId" error={e.paperId}>
          <Select name="paperId" value={v.paperId} choices={options.papers.map((p) => [String(p.id), `${p.title}（${PAPER_MODE_LABELS[p.mode]}）`])} empty="请选择试卷" />
        </Field>
      </div>
      <div className="exa-grid">
        <Field label="开始时间（北京时间）" name="opensAt" error={e.opensAt}>
          <input id="opensAt" name="opensAt" type="datetime-local" defaultValue={v.opensAt} />
        </Field>
        <Field label="结束时间（北京时间）" name="closesAt" error={e.closesAt}>
          <input id="closesAt" name="closesAt" type="datetime-local" defaultValue={v.closesAt} />
        </Field>
        <Field label="考试时长（分钟）" name="durationMinutes" error={e.durationMinutes}>
          <input id="durationMinutes" name="durationMinutes" inputMode="numeric" defaultValue={v.durationMinutes} />
        </Field>
        <Field label="可考次数" name="maxAttempts" error={e.maxAttempts}>
          <input id="maxAttempts" name="maxAttempts" inputMode="numeric" defaultValue={v.maxAttempts} />
        </Field>
        <Field label="成绩计算" name="counting" error={e.counting}>
          <Select name="counting" value={v.counting} choices={Object.entries(COUNTING_LABELS)} />
        </Field>
        <Field label="及格分" name="pass" error={e.pass}>
          <input id="pass" name="pass" inputMode="decimal" defaultValue={v.pass} />
        </Field>
        <Field label="成绩公开" name="scoreVisibility" error={e.scoreVisibility}>
          <Select name="scoreVisibility" value={v.scoreVisibility} choices={Object.entries(VISIBILITY_LABELS)} />
        </Field>
        <Field label="答案与解析公开" name="reviewVisibility" error={e.reviewVisibility}>
          <Select name="reviewVisibility" value={v.reviewVisibility} choices={Object.entries(VISIBILITY_LABELS)} />
        </Field>
      </div>
      <div className="authoring-checks">
        <label className="authoring-check">
          <input type="checkbox" name="shuffleQuestions" value="1" defaultChecked={v.shuffleQuestions === "1"} />
          打乱试题顺序
        </label>
        <label className="authoring-check">
          <input type="checkbox" name="shuffleOptions" value="1" defaultChecked={v.shuffleOptions === "1"} />
          打乱选项顺序
        </label>
      </div>
    </>
  );
}
