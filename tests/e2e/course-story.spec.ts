import ExcelJS from "exceljs";
import fs from "node:fs";
import { expect, login, test } from "./support/fixtures";

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");

test("an instructor writes and publishes a lesson; a grid worker studies it on a phone; the station manager reports and exports it", async ({ browser, db, baseURL }) => {
  test.setTimeout(240_000);
  const title = `电动自行车充电安全-${Date.now().toString(36)}`;

  // 1. The instructor writes a one-minute lesson with bold text, a list, a table and an image.
  const instructor = await browser.newPage();
  await login(instructor, "instructor");
  await instructor.goto("/courses/new");
  await instructor.getByLabel("课程名称").fill(title);
  await instructor.getByLabel("课程简介").fill("居民楼电动自行车停放充电的要点。");
  await instructor.getByLabel("课程分类").selectOption("hazard");
  await instructor.getByRole("button", { name: "创建课程" }).click();
  await expect(instructor.getByText("课程已创建")).toBeVisible();
  const courseId = Number(new URL(instructor.url()).pathname.split("/").pop());
  await instructor.getByLabel("封面图片文件").setInputFiles({ name: "封面.png", mimeType: "image/png", buffer: PNG });
  await instructor.getByRole("button", { name: "上传封面" }).click();
  await expect(instructor.getByText("封面已更新")).toBeVisible();
  await expect(instructor.locator("img.course-cover")).toHaveAttribute("src", /^\/uploads\//);
  // A file that only claims to be an image is refused next to the field.
  await instructor.getByLabel("封面图片文件").setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("<html>not an image</html>") });
  await instructor.getByRole("button", { name: "上传封面" }).click();
  await expect(instructor.locator("#cover-error")).toBeVisible();
  await instructor.getByRole("link", { name: "新增课时" }).click();
  await instructor.getByLabel("课时名称").fill("充电场所检查要点");
  await instructor.getByLabel("预计学习时长（分钟）").fill("1");
  const editor = instructor.locator(".ProseMirror");
  await editor.click();
  await instructor.keyboard.type("重点：");
  // Each toolbar toggle is awaited through its pressed state before typing on: on a busy machine
  // keys typed right after the click could land before the editor had applied it.
  const bold = instructor.getByRole("button", { name: "加粗" });
  await bold.click();
  await expect(bold).toHaveAttribute("aria-pressed", "true");
  await instructor.keyboard.type("严禁飞线充电");
  await bold.click();
  await expect(bold).toHaveAttribute("aria-pressed", "false");
  await instructor.keyboard.press("Enter");
  const bullets = instructor.getByRole("button", { name: "无序列表" });
  await bullets.click();
  await expect(bullets).toHaveAttribute("aria-pressed", "true");
  await instructor.keyboard.type("不在楼道停放");
  await instructor.keyboard.press("Enter");
  await instructor.keyboard.type("不进电梯");
  await instructor.keyboard.press("Enter");
  await instructor.keyboard.press("Enter");
  await instructor.getByRole("button", { name: "插入表格" }).click();
  await instructor.keyboard.type("检查项");
  await instructor.locator(".rte input[type=file]").setInputFiles({ name: "现场.png", mimeType: "image/png", buffer: PNG });
  await expect(editor.locator("img")).toHaveAttribute("src", /^\/uploads\//);
  await instructor.getByRole("button", { name: "创建课时" }).click();
  await expect(instructor).toHaveURL(/\/lessons\/\d+\/edit\?created=1$/);

  const lesson = await db.selectFrom("lessons").selectAll().where("course_id", "=", courseId).executeTakeFirstOrThrow();
  const body = lesson.body;
  for (const piece of ['"bold"', '"bulletList"', '"table"', '"image"', "严禁飞线充电", "不进电梯", "检查项"]) expect(body).toContain(piece);

  await instructor.goto(`/courses/${courseId}`);
  await instructor.getByRole("button", { name: "发布", exact: true }).click();
  await expect(instructor.getByText("课程已发布")).toBeVisible();

  // 2. HR sets the 学时 rule so that a one-minute lesson is worth one 学时.
  const hr = await browser.newPage();
  await login(hr, "hr");
  await hr.goto("/settings/study");
  await hr.getByLabel("每学时分钟数").fill("1");
  await hr.getByLabel("取整单位（学时）").fill("1");
  await hr.getByRole("button", { name: "保存" }).click();
  await expect(hr.getByText("已保存")).toBeVisible();

  try {
    // 3. A grid worker, on a phone, finds the course in 我的学习 and studies it to completion.
    const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const trainee = await phone.newPage();
    await login(trainee, "trainee");
    await trainee.goto("/learn");
    const card = trainee.getByRole("link", { name: new RegExp(title) });
    await expect(card.locator("img.course-cover")).toBeVisible();
    await card.click();
    await trainee.getByRole("link", { name: "开始学习" }).click();
    await expect(trainee.getByRole("heading", { name: "充电场所检查要点" })).toBeVisible();
    await expect(trainee.locator(".rich-text strong")).toHaveText("严禁飞线充电");
    await expect(trainee.locator(".rich-text table")).toBeVisible();
    await expect(trainee.locator(".rich-text img")).toHaveAttribute("src", /^\/uploads\//);
    // The server credits the time between heartbeats while the page is visible.
    await expect(trainee.getByTestId("study-timer")).toContainText("本课时已完成", { timeout: 120_000 });
    await expect(trainee.getByText("恭喜！您已完成本课程")).toBeVisible();
    await trainee.goto("/learn/hours");
    await expect(trainee.getByRole("row", { name: new RegExp(title) })).toContainText("1");
    await phone.close();

    // 4. The station manager sees the completion in the report and exports it.
    const manager = await browser.newPage();
    await login(manager, "manager");
    await manager.goto(`/reports/study?view=person&course=${courseId}`);
    const row = manager.getByRole("row", { name: /叶小芳/ });
    await expect(row).toContainText("已完成");
    const [download] = await Promise.all([manager.waitForEvent("download"), manager.getByRole("link", { name: "导出Excel" }).click()]);
    const file = fs.readFileSync(await download.path());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
    const people: unknown[][] = [];
    book.getWorksheet("人员明细")!.eachRow((r) => people.push((r.values as unknown[]).slice(1)));
    const traineeRow = people.find((r) => r[1] === "trainee");
    expect(traineeRow).toContain("已完成");
    const record = await db
      .selectFrom("learning_records as r")
      .innerJoin("persons as p", "p.id", "r.person_id")
      .select(["r.hours_x100", "r.kind"])
      .where("p.employee_no", "=", "trainee")
      // An exam may have the same id as the course: the source is the course.
      .where("r.source_type", "=", "course")
      .where("r.source_id", "=", String(courseId))
      .execute();
    expect(record).toEqual([{ hours_x100: 100, kind: "course_completed" }]);
  } finally {
    await hr.goto("/settings/study");
    await hr.getByLabel("每学时分钟数").fill("45");
    await hr.getByLabel("取整单位（学时）").fill("0.5");
    await hr.getByRole("button", { name: "保存" }).click();
    await expect(hr.getByText("已保存")).toBeVisible();
  }
});
