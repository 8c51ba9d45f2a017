// Mail dates: RFC 2822 (`Sat, 14 Nov 2015 21:29:28 +0100`), its obsolete forms (named zones, two-digit
// years, missing seconds, a zone without its sign) and ctime (`Tue Jan 12 03:13:22 1999`, as on mbox
// From_ lines and in some Hypermail pages), which has no zone at all.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Offsets in minutes of the zone names RFC 822 defines and the ones mailers still write. */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  CET: 60,
  MET: 60,
  CEST: 120,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  JST: 540,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

export interface MailDate {
  /** ISO 8601 in UTC. */
  iso: string;
  /** False when the source gave no zone (ctime) or an impossible one, and the time was read as UTC. */
  zoned: boolean;
}

const RFC2822 =
  /^(?:[A-Za-z]+,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3})[A-Za-z]*\.?[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+([+-]?\d{4})(?!\d)|\s+([A-Za-z]{1,5})\b)?/;
const CTIME =
  /^[A-Za-z]{3},?\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:([A-Z]{2,5}|[+-]\d{4})\s+)?(\d{4})/;

export function parseMailDate(value: string | undefined): MailDate | null {
  if (!value) return null;
  const text = value.replace(/\s+/g, ' ').trim();
  const rfc = RFC2822.exec(text);
  if (rfc) {
    const offset = zoneOffset(rfc[7] ?? rfc[8]);
    return build(fullYear(rfc[3]!), rfc[2]!, +rfc[1]!, +rfc[4]!, +rfc[5]!, +(rfc[6] ?? 0), offset);
  }
  const ctime = CTIME.exec(text);
  if (ctime) {
    return build(+ctime[7]!, ctime[1]!, +ctime[2]!, +ctime[3]!, +ctime[4]!, +(ctime[5] ?? 0), zoneOffset(ctime[6]));
  }
  const parsed = Date.parse(text);
  return Number.isFinite(parsed) ? { iso: new Date(parsed).toISOString(), zoned: true } : null;
}

/** RFC 2822: two-digit years are 19xx from 50 up, 20xx below; three digits are years since 1900. */
function fullYear(text: string): number {
  const y = +text;
  if (text.length === 2) return y < 50 ? 2000 + y : 1900 + y;
  if (text.length === 3) return 1900 + y;
  return y;
}

function zoneOffset(zone: string | undefined): number | undefined {
  if (!zone) return undefined;
  const numeric = /^([+-]?)(\d{2})(\d{2})$/.exec(zone);
  if (numeric) {
    const hours = +numeric[2]!;
    const minutes = +numeric[3]!;
    if (hours > 14 || minutes > 59) return undefined;
    return (numeric[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  return ZONES[zone.toUpperCase()];
}

function build(
  year: number,
  monthName: string,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offset: number | undefined,
): MailDate | null {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month < 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const utc = Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) - (offset ?? 0) * 60_000;
  if (!Number.isFinite(utc)) return null;
  return { iso: new Date(utc).toISOString(), zoned: offset !== undefined };
}
