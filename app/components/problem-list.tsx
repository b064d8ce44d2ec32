/** The reasons a paper or exam cannot be used yet (组卷 / 发布 checks), one per line. */
export function ProblemList({ problems, alert = false }: { problems: readonly string[]; alert?: boolean }) {
  return (
    <ul className="exa-problems" role={alert ? "alert" : undefined}>
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
