/** Managers of the flow's agents, groups, schedules and sounds. (Being built.) */
export function LibraryPanel() {
  return <section className="rf-library" aria-label="library" />;
}
