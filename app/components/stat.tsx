/** One headline figure of a report's `.stats` row: the value (numbers grouped the Chinese way) over what it counts. */
export function Stat({ value, label }: { value: string | number; label: string }) {
  return (
    <div className="stat">
      <strong>{typeof value === "number" ? value.toLocaleString("zh-CN") : value}</strong>
      <span>{label}</span>
    </div>
  );
}
