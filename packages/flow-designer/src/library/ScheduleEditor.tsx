/** Props of {@link ScheduleEditor}. */
export interface ScheduleEditorProps {
  /** The id of the schedule of the flow's library to edit (through useEditor). */
  readonly scheduleId: string;
}

/** Weekly hours, closures, special hours and public holidays of one schedule. (Being built.) */
export function ScheduleEditor({ scheduleId }: ScheduleEditorProps) {
  return <div className="rf-schedule-editor" data-schedule={scheduleId} />;
}
