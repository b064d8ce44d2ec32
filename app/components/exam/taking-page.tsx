// The attempt page on a phone. Server-rendered, it is one plain form with every question and the
// 保存 / 交卷 buttons (works without JavaScript). With JavaScript it autosaves each change through
// the journal, can show one question per screen with an answer sheet, and runs the timer.
import { useNavigate, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import type { takerAttempt } from "~/modules/exams/attempt-view.server";
import { isAnswered, type Answer } from "~/modules/exams/answers";
import { formatInstant } from "~/utils/time";
import { flagField } from "./answer-form";
import { answerPosition, isTyping, readAnswer, showAnswer } from "./form-answers";
import type { JournalEntry } from "./journal";
import { errorId, questionMarkup } from "./question-markup";
import { QuestionMap } from "./question-map";
import { ExamTimer } from "./timer";
import { useAnswerSync } from "./use-answer-sync";

export type TakerView = NonNullable<Awaited<ReturnType<typeof takerAttempt>>>;
type SlotState = { answer: unknown; flagged: boolean };
type Layout = "all" | "one";
const LAYOUT_KEY = "exam-layout";
const TYPING_DELAY_MS = 500;

export function TakingPage({ attempt, serverNow, errors, message }: { attempt: TakerView; serverNow: number; errors: Record<number, string>; message: string | null }) {
  const submit = useSubmit();
  const navigate = useNavigate();
  const [state, setState] = useState<Record<number, SlotState>>(() => Object.fromEntries(attempt.items.map((i) => [i.position, { answer: i.answer, flagged: i.flagged }])));
  // Built from the loader's answers on the server and again, identically, for hydration; the same
  // objects on every render after that, so React never rewrites a question's controls under the taker.
  const [markup] = useState(() => attempt.items.map((i) => ({ __html: questionMarkup(i) })));
  const form = useRef<HTMLFormElement>(null);
  const [layout, setLayout] = useState<Layout>("all");
  const [current, setCurrent] = useState(attempt.items[0]?.position ?? 1);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(message);
  const dialog = useRef<HTMLDialogElement>(null);
  // Each answer from the action (a refusal, 系统繁忙) replaces the notice and closes the dialog.
  useEffect(() => {
    setNotice(message);
    dialog.current?.close();
  }, [message, errors]);
  const serverSeqs = useMemo(() => Object.fromEntries(attempt.items.map((i) => [i.position, i.seq])), [attempt.items]);

  const slots = useMemo(() => new Map(attempt.items.map((i) => [i.position, i])), [attempt.items]);
  const onRestore = useCallback(
    (entries: Record<number, JournalEntry>) => {
      for (const [position, e] of Object.entries(entries)) {
        const slot = slots.get(Number(position));
        if (slot && form.current) showAnswer(form.current, slot, e.answer);
      }
      setState((s) => {
        const next = { ...s };
        for (const [position, e] of Object.entries(entries)) next[Number(position)] = { answer: e.answer, flagged: e.flagged };
        return next;
      });
    },
    [slots],
  );
  const onClosed = useCallback(() => navigate(`/attempts/${attempt.id}/result`), [navigate, attempt.id]);
  const sync = useAnswerSync({ attemptId: attempt.id, deadlineAt: attempt.deadlineAt, serverNow, serverSeqs, onRestore, onClosed });

  useEffect(() => {
    if (window.localStorage.getItem(LAYOUT_KEY) === "one") setLayout("one");
  }, []);
  const switchLayout = () => {
    const next = layout === "all" ? "one" : "all";
    setLayout(next);
    window.localStorage.setItem(LAYOUT_KEY, next);
  };

  const change = (position: number, patch: Partial<SlotState>, typing: boolean) => {
    const next = { ...state[position]!, ...patch };
    setState((s) => ({ ...s, [position]: next }));
    sync.record(position, next.answer, next.flagged, typing ? TYPING_DELAY_MS : 0);
  };
  // Answer controls are plain DOM (question-markup.ts), so one listener on the form hears them all.
  const changeRef = useRef(change);
  changeRef.current = change;
  useEffect(() => {
    const element = form.current;
    if (!element) return;
    const onInput = (event: Event) => {
      const slot = slots.get(answerPosition(event.target) ?? -1);
      if (slot) changeRef.current(slot.position, { answer: readAnswer(element, slot) }, isTyping(event.target));
    };
    element.addEventListener("input", onInput);
    return () => element.removeEventListener("input", onInput);
  }, [slots]);

  const unanswered = attempt.items.filter((i) => !isAnswered(state[i.position]?.answer as Answer | null)).length;

  const finish = async (): Promise<boolean> => {
    if (!navigator.onLine) {
      // Submitting offline would only fail; the answers stay in the journal until the network returns.
      setNotice("网络已断开，联网后将自动上传答案并交卷");
      window.addEventListener("online", () => void finish(), { once: true });
      return false;
    }
    await sync.flush();
    const left = sync.pendingNow();
    if (left > 0) {
      setNotice(`还有 ${left} 个答案未上传，请联网后再交卷`);
      return false;
    }
    submit({ intent: "submit" }, { method: "post" });
    return true;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const intent = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value;
    if (intent === "submit") {
      setConfirming(true);
      dialog.current?.showModal();
    } else {
      void sync.flush().then(() => setNotice(sync.pendingNow() > 0 ? "网络不可用，答案已暂存在本机，联网后自动上传" : "答案已保存"));
    }
  };

  const index = attempt.items.findIndex((i) => i.position === current);
  const pendingSet = new Set(sync.pending);

  return (
    <div className="exam-page">
      <header className="exam-bar">
        <div className="exam-bar__title">{attempt.title}</div>
        <ExamTimer deadlineAt={attempt.deadlineAt} offsetMs={sync.offsetMs} initialMs={attempt.remainingMs} onExpire={() => void finish()} />
        <button type="button" className="btn btn--small exam-bar__layout" onClick={switchLayout}>
          {layout === "all" ? "逐题作答" : "整卷作答"}
        </button>
      </header>
      {sync.offline ? (
        <p className="notice notice--error exam-net" role="alert">
          网络已断开，{sync.pending.length} 个答案等待上传
        </p>
      ) : sync.pending.length > 0 ? (
        <p className="notice notice--info exam-net" role="status">
          {sync.pending.length} 个答案正在上传…
        </p>
      ) : null}
      {notice ? (
        <p className={Object.keys(errors).length ? "notice notice--error" : "notice notice--info"} role="status">
          {notice}
        </p>
      ) : null}
      <form ref={form} method="post" onSubmit={onSubmit} noValidate className={`exam-form exam-form--${layout}`}>
        <input type="hidden" name="answers" value="1" />
        {attempt.items.map((item, k) => {
          const savedAt = sync.savedAt[item.position] ?? item.savedAt;
          const savedLabel = pendingSet.has(item.position) ? "待上传" : savedAt ? `已保存 ${formatInstant(savedAt, "HH:mm:ss")}` : null;
          const error = sync.errors[item.position] || errors[item.position] || null;
          return (
            <div key={item.position} id={`q${item.position}`} className="exam-slot exam-question" hidden={layout === "one" && item.position !== current}>
              <div dangerouslySetInnerHTML={markup[k]} />
              <div className="exam-question__foot">
                <label className="exam-flag">
                  <input
                    type="checkbox"
                    name={flagField(item.position)}
                    value="1"
                    checked={state[item.position]?.flagged ?? false}
                    onChange={(e) => change(item.position, { flagged: e.target.checked }, false)}
                  />
                  标记此题
                </label>
                {savedLabel ? (
                  <span className="exam-saved" role="status">
                    {savedLabel}
                  </span>
                ) : null}
              </div>
              {error ? (
                <p className="field__error" id={errorId(item.position)} role="alert">
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
        {layout === "one" ? (
          <>
            <div className="exam-step">
              <button type="button" className="btn" disabled={index <= 0} onClick={() => setCurrent(attempt.items[index - 1]!.position)}>
                上一题
              </button>
              <span className="muted">
                {index + 1} / {attempt.items.length}
              </span>
              <button type="button" className="btn" disabled={index >= attempt.items.length - 1} onClick={() => setCurrent(attempt.items[index + 1]!.position)}>
                下一题
              </button>
            </div>
            <QuestionMap
              entries={attempt.items.map((i) => ({ position: i.position, answered: isAnswered(state[i.position]?.answer as Answer | null), flagged: state[i.position]?.flagged ?? false }))}
              current={current}
              onPick={setCurrent}
            />
          </>
        ) : null}
        <div className="exam-actions">
          <button type="submit" name="intent" value="save" className="btn">
            保存
          </button>
          <button type="submit" name="intent" value="submit" className="btn btn--primary">
            交卷
          </button>
        </div>
      </form>
      <dialog ref={dialog} className="exam-dialog" aria-labelledby="confirm-title" onClose={() => setConfirming(false)}>
        {confirming ? (
          <>
            <h2 id="confirm-title">确认交卷？</h2>
            <p>{unanswered > 0 ? `还有 ${unanswered} 题未作答。` : "所有题目均已作答。"}</p>
            {sync.pending.length > 0 ? <p>{sync.pending.length} 个答案尚未上传，交卷前将先上传。</p> : null}
            <p className="muted">交卷后不能再修改答案。</p>
            <div className="exam-actions">
              <button type="button" className="btn" onClick={() => dialog.current?.close()}>
                继续作答
              </button>
              <button
                type="button"
                className="btn btn--primary"
                onClick={() => {
                  void finish().then((ok) => {
                    if (!ok) dialog.current?.close();
                  });
                }}
              >
                确认交卷
              </button>
            </div>
          </>
        ) : null}
      </dialog>
    </div>
  );
}
