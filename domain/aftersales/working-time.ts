// Working time: deadlines of claim steps and ticket SLA clocks run in the company's working
// hours (Moscow time, weekdays 09:00–18:00, public holidays off), not in calendar hours — a
// ticket opened on Friday evening is not overdue on Monday morning. Pure: times in, times out.

/** The calendar the clocks run on. Moscow has no daylight saving: a fixed offset is exact. */
export interface WorkCalendar {
  /** Minutes east of UTC of the office's local time. */
  utcOffsetMinutes: number;
  /** Working hours of a working day, local time, as minutes from midnight: [start, end). */
  dayStart: number;
  dayEnd: number;
  /** Non-working weekdays (0 = Sunday). */
  weekend: readonly number[];
  /** Public holidays, local dates YYYY-MM-DD. */
  holidays: ReadonlySet<string>;
  /** Weekend days made working by the production calendar (переносы). */
  workingWeekends: ReadonlySet<string>;
}

// The Russian production calendar for the years the desk is used in (holidays and the days
// off moved by the government); the ERP's calendar is the authority, this mirrors it.
const RU_HOLIDAYS = [
  '2026-01-01',
  '2026-01-02',
  '2026-01-05',
  '2026-01-06',
  '2026-01-07',
  '2026-01-08',
  '2026-01-09',
  '2026-02-23',
  '2026-03-09',
  '2026-05-01',
  '2026-05-11',
  '2026-06-12',
  '2026-11-04',
  '2026-12-31',
  '2027-01-01',
  '2027-01-04',
  '2027-01-05',
  '2027-01-06',
  '2027-01-07',
  '2027-01-08',
  '2027-02-23',
  '2027-03-08',
  '2027-05-03',
  '2027-05-10',
  '2027-06-14',
  '2027-11-04',
];

export const MOSCOW_OFFICE: WorkCalendar = {
  utcOffsetMinutes: 180,
  dayStart: 9 * 60,
  dayEnd: 18 * 60,
  weekend: [0, 6],
  holidays: new Set(RU_HOLIDAYS),
  workingWeekends: new Set<string>(),
};

const DAY = 86_400_000;
const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** Local midnight (as a UTC instant) of the local day that holds `t`. */
function localMidnight(t: number, cal: WorkCalendar): number {
  const shifted = t + cal.utcOffsetMinutes * MINUTE;
  return shifted - (((shifted % DAY) + DAY) % DAY) - cal.utcOffsetMinutes * MINUTE;
}

function isWorkingDay(midnight: number, cal: WorkCalendar): boolean {
  const local = new Date(midnight + cal.utcOffsetMinutes * MINUTE);
  const date = local.toISOString().slice(0, 10);
  if (cal.holidays.has(date)) return false;
  if (cal.workingWeekends.has(date)) return true;
  return !cal.weekend.includes(local.getUTCDay());
}

/** Working days among the local days [first, end) (midnights): weekdays by arithmetic, then the
 *  calendar's exceptions; constant time whatever the span (a ticket open for months is common). */
function workingDaysIn(first: number, end: number, cal: WorkCalendar): number {
  const n = Math.round((end - first) / DAY);
  if (n <= 0) return 0;
  const dow0 = new Date(first + cal.utcOffsetMinutes * MINUTE).getUTCDay();
  let count = Math.floor(n / 7) * (7 - cal.weekend.length);
  for (let i = 0; i < n % 7; i++) if (!cal.weekend.includes((dow0 + i) % 7)) count++;
  for (const e of exceptionsOf(cal)) if (e.midnight >= first && e.midnight < end) count += e.delta;
  return count;
}

const exceptionCache = new WeakMap<WorkCalendar, { midnight: number; delta: number }[]>();
/** Holidays on weekdays (−1) and weekend days made working (+1), as local midnights. */
function exceptionsOf(cal: WorkCalendar): { midnight: number; delta: number }[] {
  let list = exceptionCache.get(cal);
  if (!list) {
    const midnightOf = (date: string) => Date.parse(`${date}T00:00:00Z`) - cal.utcOffsetMinutes * MINUTE;
    const weekday = (date: string) => !cal.weekend.includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    list = [
      ...[...cal.holidays].filter(weekday).map((d) => ({ midnight: midnightOf(d), delta: -1 })),
      ...[...cal.workingWeekends]
        .filter((d) => !weekday(d) && !cal.holidays.has(d))
        .map((d) => ({ midnight: midnightOf(d), delta: 1 })),
    ];
    exceptionCache.set(cal, list);
  }
  return list;
}

/** Working milliseconds in [from, to) (0 when to ≤ from). */
export function workingMsBetween(from: number, to: number, cal: WorkCalendar = MOSCOW_OFFICE): number {
  if (!(to > from)) return 0;
  const part = (day: number, a: number, b: number): number =>
    isWorkingDay(day, cal)
      ? Math.max(0, Math.min(b, day + cal.dayEnd * MINUTE) - Math.max(a, day + cal.dayStart * MINUTE))
      : 0;
  const first = localMidnight(from, cal);
  const last = localMidnight(to, cal);
  if (first === last) return part(first, from, to);
  return (
    part(first, from, Infinity) +
    workingDaysIn(first + DAY, last, cal) * (cal.dayEnd - cal.dayStart) * MINUTE +
    part(last, -Infinity, to)
  );
}

/** The same by walking every day: the definition the fast version is tested against. */
export function workingMsBetweenByDays(from: number, to: number, cal: WorkCalendar = MOSCOW_OFFICE): number {
  if (!(to > from)) return 0;
  let total = 0;
  for (let day = localMidnight(from, cal); day < to; day += DAY) {
    if (!isWorkingDay(day, cal)) continue;
    const start = Math.max(from, day + cal.dayStart * MINUTE);
    const end = Math.min(to, day + cal.dayEnd * MINUTE);
    if (end > start) total += end - start;
  }
  return total;
}

/** The instant when `ms` of working time have passed after `from`. */
export function addWorkingMs(from: number, ms: number, cal: WorkCalendar = MOSCOW_OFFICE): number {
  let left = Math.max(0, ms);
  for (let day = localMidnight(from, cal); ; day += DAY) {
    if (!isWorkingDay(day, cal)) continue;
    const start = Math.max(from, day + cal.dayStart * MINUTE);
    const end = day + cal.dayEnd * MINUTE;
    if (end <= start) continue;
    if (left <= end - start) return start + left;
    left -= end - start;
  }
}

/** A span the clock stood still (the ticket waited for the client); `to` null: still waiting. */
export interface Pause {
  from: string;
  to: string | null;
}

export type ClockState = 'running' | 'paused' | 'met' | 'breached' | 'met_late';

export interface SlaTarget {
  /** The budget in working time. */
  budgetMs: number;
  /** Working time used so far (pauses excluded). */
  usedMs: number;
  remainingMs: number;
  /** When the budget runs out if the clock keeps running from now (null unless running: paused, stopped, breached). */
  dueAt: string | null;
  state: ClockState;
}

/**
 * One SLA clock: started at `startedAt`, stopped at `stoppedAt` (the first response, the
 * resolution) or still running at `now`; pauses are not counted. Pure arithmetic over the
 * calendar, so the desk and the supervisor's dashboard show the same minutes.
 */
export function slaTarget(
  input: { startedAt: string; stoppedAt: string | null; budgetHours: number; pauses: readonly Pause[]; now: string },
  cal: WorkCalendar = MOSCOW_OFFICE,
): SlaTarget {
  const start = Date.parse(input.startedAt);
  const end = input.stoppedAt ? Date.parse(input.stoppedAt) : Date.parse(input.now);
  const budgetMs = input.budgetHours * HOUR;
  let paused = 0;
  let pausedNow = false;
  for (const p of input.pauses) {
    const from = Math.max(start, Date.parse(p.from));
    const to = Math.min(end, p.to ? Date.parse(p.to) : end);
    if (!p.to && !input.stoppedAt) pausedNow = true;
    paused += workingMsBetween(from, to, cal);
  }
  const usedMs = Math.max(0, workingMsBetween(start, end, cal) - paused);
  const remainingMs = budgetMs - usedMs;
  let state: ClockState;
  if (input.stoppedAt) state = remainingMs >= 0 ? 'met' : 'met_late';
  else if (remainingMs < 0) state = 'breached';
  else state = pausedNow ? 'paused' : 'running';
  const dueAt = state === 'running' ? new Date(addWorkingMs(end, remainingMs, cal)).toISOString() : null;
  return { budgetMs, usedMs, remainingMs, dueAt, state };
}

/** A deadline `hours` of working time after `fromIso`. */
export function workingDeadline(fromIso: string, hours: number, cal: WorkCalendar = MOSCOW_OFFICE): string {
  return new Date(addWorkingMs(Date.parse(fromIso), hours * HOUR, cal)).toISOString();
}
