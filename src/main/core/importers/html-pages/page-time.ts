// Times as pages print them. Boards print local board time with no zone ("05 Sep 2018 10:44"):
// those stay local ISO times without an offset ("2018-09-05T10:44:00"), since inventing a zone
// would shift every post by hours. Times that carry a zone become UTC instants.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `2018-09-05T10:44:00`, or null for a date that does not exist. */
export function localIso(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): string | null {
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    Number.isNaN(probe.getTime()) ||
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  return probe.toISOString().slice(0, 19);
}

export function monthNumber(name: string): number | null {
  const at = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return at < 0 ? null : at + 1;
}

/** `05 Sep 2018 10:44`: day first, as boards with a d M Y format print it. */
const DAY_MONTH_YEAR = /\b(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?/i;
/** `Wed Sep 05, 2018 10:44 am`: phpBB's default `D M d, Y g:i a`. */
const MONTH_DAY_YEAR = /\b([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?/i;

/** A board's printed date and time, as a local ISO time; null when the text holds none. */
export function boardTime(text: string): string | null {
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) return printed(dmy[3]!, dmy[2]!, dmy[1]!, dmy[4]!, dmy[5]!, dmy[6], dmy[7]);
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) return printed(mdy[3]!, mdy[1]!, mdy[2]!, mdy[4]!, mdy[5]!, mdy[6], mdy[7]);
  return null;
}

function printed(
  year: string,
  monthName: string,
  day: string,
  hour: string,
  minute: string,
  second: string | undefined,
  meridiem: string | undefined,
): string | null {
  const month = monthNumber(monthName);
  if (month === null) return null;
  let h = Number(hour);
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  return localIso(Number(year), month, Number(day), h, Number(minute), Number(second ?? 0));
}

const ZONED = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
const UNZONED = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * A machine-readable time from a `datetime`/`title`/`content` attribute: `2014-04-08 09:24:04 -0600`
 * and `2018-09-05T08:44:00+00:00` become UTC instants; zone-less times stay local.
 */
export function attributeTime(value: string | undefined): string | null {
  const text = value?.trim() ?? '';
  const zoned = ZONED.exec(text);
  if (zoned) {
    const [, y, mo, d, h, mi, s, zone] = zoned;
    const offset = zone!.toUpperCase() === 'Z' ? 'Z' : `${zone!.slice(0, 3)}:${zone!.slice(-2)}`;
    const instant = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${offset}`);
    return Number.isNaN(instant.getTime()) || !localIso(+y!, +mo!, +d!, +h!, +mi!, +(s ?? 0))
      ? null
      : instant.toISOString();
  }
  const local = UNZONED.exec(text);
  if (!local) return null;
  const [, y, mo, d, h, mi, s] = local;
  const iso = localIso(+y!, +mo!, +d!, +(h ?? 0), +(mi ?? 0), +(s ?? 0));
  return iso && h === undefined ? iso.slice(0, 10) : iso;
}
