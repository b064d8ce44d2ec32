// The countdown. Always derived from the server's deadline and the measured clock offset, never
// from a running local count, so a phone that slept shows the true time left when it wakes.
import { useEffect, useRef, useState } from "react";

export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export function ExamTimer({ deadlineAt, offsetMs, initialMs, onExpire }: { deadlineAt: number | null; offsetMs: number; initialMs: number | null; onExpire: () => void }) {
  const [left, setLeft] = useState(initialMs);
  const expired = useRef(false);
  const expire = useRef(onExpire);
  expire.current = onExpire;

  useEffect(() => {
    if (deadlineAt === null) return;
    const tick = () => {
      const ms = deadlineAt - (Date.now() + offsetMs);
      setLeft(Math.max(0, ms));
      if (ms <= 0 && !expired.current) {
        expired.current = true;
        expire.current();
      }
    };
    tick();
    const id = setInterval(tick, 1000);
    document.addEventListener("visibilitychange", tick);
    return () => {
      clearInterval(id);
      document.removeEventListener("visibilitychange", tick);
    };
  }, [deadlineAt, offsetMs]);

  if (left === null) return <span className="exam-timer">不限时</span>;
  return (
    <span className={left < 5 * 60_000 ? "exam-timer exam-timer--low" : "exam-timer"} role="timer" aria-label="剩余时间" data-testid="exam-timer">
      剩余 {formatRemaining(left)}
    </span>
  );
}
