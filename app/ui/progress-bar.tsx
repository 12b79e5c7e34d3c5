/** A labelled progress bar; the percentage is also written out for those who cannot see the bar. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const percent = Math.round(value * 100);
  return (
    <div className="progress">
      <progress max={100} value={percent} aria-label={label}>
        {percent}%
      </progress>
      <span className="progress-value">{percent}%</span>
    </div>
  );
}
