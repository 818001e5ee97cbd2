/**
 * Days and times as the watch needs them: the bot's local day (digest keys), and arXiv's
 * announcement schedule, which is fixed in US Eastern time whatever TZ the bot runs in.
 */

/** arXiv announces new submissions Sunday to Thursday at 20:00 US Eastern; never Friday or Saturday. */
export const ARXIV_TIMEZONE = 'America/New_York';
const ANNOUNCE_HOUR = 20;
/** Sunday = 0 … Thursday = 4. */
const ANNOUNCE_WEEKDAYS: ReadonlySet<number> = new Set([0, 1, 2, 3, 4]);

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a timezone. */
function wallClock(ms: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** `YYYY-MM-DD` of an instant in `timeZone` (the key of a digest day). */
export function localDay(ms: number, timeZone: string): string {
  const { year, month, day } = wallClock(ms, timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The instant at which the wall clock in `timeZone` shows `day` `hour:minute` (DST-aware). */
export function zonedInstant(day: string, hour: number, minute: number, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, hour, minute);
  // The zone's offset at the guess, then again at the corrected instant (a DST change between them).
  let at = asUtc - offset(asUtc, timeZone);
  at = asUtc - offset(at, timeZone);
  return at;
}

function offset(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
}

/** `2026-04-20` → `2026-04-19`; works on the calendar, not on instants. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a calendar day. */
export function weekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The latest arXiv announcement (Sunday–Thursday 20:00 US Eastern) at or before `ms`. */
export function lastAnnouncement(ms: number): number {
  let day = localDay(ms, ARXIV_TIMEZONE);
  for (let i = 0; i < 8; i++, day = addDays(day, -1)) {
    if (!ANNOUNCE_WEEKDAYS.has(weekday(day))) continue;
    const at = zonedInstant(day, ANNOUNCE_HOUR, 0, ARXIV_TIMEZONE);
    if (at <= ms) return at;
  }
  // Unreachable: five announcement days in every week.
  throw new Error('arxiv-calendar: no announcement in the last week');
}

/** `Mon 20 Apr 2026` for a `YYYY-MM-DD` day. */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).replace(/,/g, '');
}
