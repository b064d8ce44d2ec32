// The answer sheet: one button per question, marked answered / unanswered / flagged, to jump.
export interface MapEntry {
  position: number;
  answered: boolean;
  flagged: boolean;
}

export function QuestionMap({ entries, current, onPick }: { entries: MapEntry[]; current: number; onPick: (position: number) => void }) {
  return (
    <nav className="exam-map" aria-label="答题卡">
      {entries.map((e) => {
        const state = e.answered ? "已答" : "未答";
        return (
          <button
            key={e.position}
            type="button"
            className={`exam-map__item${e.answered ? " is-answered" : ""}${e.flagged ? " is-flagged" : ""}${e.position === current ? " is-current" : ""}`}
            aria-label={`第 ${e.position} 题，${state}${e.flagged ? "，已标记" : ""}`}
            aria-current={e.position === current ? "step" : undefined}
            onClick={() => onPick(e.position)}
          >
            {e.position}
          </button>
        );
      })}
      <p className="exam-map__legend muted">
        <span className="exam-map__key is-answered" /> 已答 <span className="exam-map__key" /> 未答 <span className="exam-map__key is-flagged" /> 已标记
      </p>
    </nav>
  );
}
