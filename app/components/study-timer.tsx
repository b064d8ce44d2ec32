import { useEffect, useRef, useState } from "react";
import { BEAT_INTERVAL_MS } from "~/modules/study/heartbeat";

export interface StudyState {
  seconds: number;
  completed: boolean;
  courseCompleted: boolean;
}

function minutesAndSeconds(total: number): string {
  return `${Math.floor(total / 60)} 分 ${String(total % 60).padStart(2, "0")} 秒`;
}

/**
 * Sends a heartbeat every interval while the page is visible; when the page is hidden it sends one
 * last beat (crediting the visible stretch), and when it shows again a beat that restarts the clock
 * without credit. The server decides what each beat earns; this only displays its answer.
 */
export function StudyTimer({
  lessonId,
  initial,
  requiredSeconds,
  onComplete,
}: {
  lessonId: number;
  initial: StudyState;
  requiredSeconds: number;
  onComplete: (state: StudyState) => void;
}) {
  const [state, setState] = useState(initial);
  const [offline, setOffline] = useState(false);
  const completedRef = useRef(initial.completed);
  const onCompleteRef = useRef(onComplete);
  onCompleteRef.current = onComplete;

  useEffect(() => {
    let stopped = false;
    const beat = async (visible: boolean) => {
      try {
        const response = await fetch("/learn/heartbeat", {
          method: "POST",
          body: new URLSearchParams({ lessonId: String(lessonId), visible: visible ? "1" : "0" }),
        });
        if (!response.ok || stopped) return;
        const next = (await response.json()) as StudyState;
        setOffline(false);
        setState(next);
        if (next.completed && !completedRef.current) {
          completedRef.current = true;
          onCompleteRef.current(next);
        }
      } catch {
        if (!stopped) setOffline(true);
      }
    };
    void beat(false);
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void beat(true);
    }, BEAT_INTERVAL_MS);
    const onVisibility = () => void beat(document.visibilityState !== "visible");
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [lessonId]);

  const percent = requiredSeconds > 0 ? Math.min(100, Math.round((state.seconds / requiredSeconds) * 100)) : 100;
  return (
    <div className="study-timer" role="status" data-testid="study-timer">
      {state.completed ? (
        <span className="badge badge--ok">本课时已完成</span>
      ) : (
        <span>
          已学 {minutesAndSeconds(state.seconds)} / 需 {Math.ceil(requiredSeconds / 60)} 分钟
        </span>
      )}
      <div className="progress" style={{ flex: "1 1 120px", margin: 0 }}>
        <span style={{ width: `${percent}%` }} />
      </div>
      {offline ? <span className="muted">网络断开，恢复后继续计时</span> : null}
    </div>
  );
}
