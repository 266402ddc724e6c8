/** One simulated call per 30 minutes of a week, as a heatmap of outcomes. (Being built.) */
export function WeekView() {
  return <section className="rf-week-view" aria-label="week view" />;
}
