/** A moment as a log shows it: local time of day to the millisecond, `14:03:07.412`. */
export function clockTime(moment: number | string): string {
  const date = new Date(moment);
  return `${date.toLocaleTimeString('en-GB')}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}
