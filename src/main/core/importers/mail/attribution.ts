// Attribution lines ("On Tue, 17 Nov 2009, Carl Worth wrote:", "Robin Hanson <r@h> writes:",
// Gmail's "2015-11-15 23:43 GMT+01:00 Jesus <jgb@x>:", sup's "Excerpts from Carl's message of …:")
// name who wrote the quotation that follows. Only who is kept: it becomes the quote's fromAuthor.
import { deobfuscate } from './headers';

// JavaScript's \b knows only ASCII letters, so the verb is delimited by lookarounds ("écrivait").
const VERB =
  /(?<=^|\s)(?:wrote|writes|said|says|replied|answered|a [ée\uFFFD]crit|[ée\uFFFD]crivait|schrieb|escribi[óo\uFFFD]|skrev|kirjoitti|scripsit|ha scritto|heeft geschreven)(?![\p{L}])(?:.{0,60}?)?:\s*$/iu;
/** Ends with an address and a colon, the verb left out (Gmail in some languages, Outlook 2016). */
const ADDRESS_COLON = /<[^<>\s]+(?:@| at |\.)[^<>\s]+>\s*:\s*$/;
const EXCERPTS = /^Excerpts from (.+?)'s message of .*:\s*$/i;
const QUOTING = /^Quoting (.+?)(?:\s+\(.*\))?:\s*$/i;
/** Text that starts with a date or a locale's "On" before the name. */
const DATED_START = /^(?:(?:On|Le|Am|El|Il|Op|Em|Den|At|In a message dated|Yesterday|Today)\b|À|\d)/i;
const MONTH_OR_DAY =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tues?(?:day)?|wed(?:nesday)?|thu(?:rs?)?(?:day)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)[.,]?$/i;
const ZONE_OR_MERIDIEM = /^(?:am|pm|a\.m\.|p\.m\.|utc|gmt|ut|[ecmp][sd]t|cest?|mest?|eest?|bst|jst)[.,]?$/i;
const TIME_WORD =
  /^(?:am|pm|a\.m\.|p\.m\.|utc|gmt|ut|[ecmp][sd]t|cest?|mest?|eest?|bst|jst|ist|at|on|le|am|el|il|op)[.,]?$/i;
const PARTICLES = new Set([
  'de',
  'van',
  'von',
  'da',
  'der',
  'den',
  'la',
  'le',
  'di',
  'du',
  'del',
  'bin',
  'al',
  'y',
  'dos',
]);
const NOT_NAMES = new Set([
  'he',
  'she',
  'they',
  'you',
  'i',
  'we',
  'it',
  'someone',
  'somebody',
  'everyone',
  'this',
  'that',
]);

const MAX_LENGTH = 300;

/** Text that begins like an attribution, for extending one wrapped over lines. */
export function startsAttribution(text: string): boolean {
  return DATED_START.test(text.trim()) || /^(?:Excerpts from|Quoting)\b/i.test(text.trim());
}

/**
 * The quoted author an attribution names, or undefined when the text is not an attribution. `alone`:
 * the text is a paragraph of its own right before the quotation, where a bare "Wei Dai:" is one too.
 */
export function attributionName(text: string, alone = false): string | undefined {
  const line = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\*\s+/, '');
  if (line.length > MAX_LENGTH || !line.endsWith(':')) return undefined;
  const excerpt = EXCERPTS.exec(line) ?? QUOTING.exec(line);
  if (excerpt) return plausible(stripAddress(excerpt[1]!), true);
  let rest: string;
  if (VERB.test(line)) rest = line.replace(VERB, '').replace(/^(?:and|but|so|also|then)\s+/i, '');
  else if (ADDRESS_COLON.test(line)) rest = line.replace(/\s*:\s*$/, '');
  else if (alone && line.length <= 60) return bareName(line.replace(/\s*:\s*$/, ''));
  else return undefined;
  // Usenet and MH: "In message <id>, Name writes:"; the id is not the author.
  rest = rest.replace(/^In (?:message|article|your message) <[^<>]*>,?\s*/i, '');
  const dated = DATED_START.test(rest);
  const strong = /<[^<>]+>|\[SMTP:/.test(rest);
  let name = stripAddress(rest);
  if (dated) name = afterDate(name);
  name = name.replace(/^[,\s]+|[,\s]+$/g, '');
  return plausible(name, strong);
}

/** `Name <addr>` → Name; `<addr>` alone → the address; `addr (Name)` → Name; Outlook's `[SMTP:addr]` dropped. */
function stripAddress(text: string): string {
  const withoutSmtp = text.replace(/\s*\[SMTP:[^\]]*\]/gi, '');
  const angle = /^(.*?)<([^<>]*)>/.exec(withoutSmtp);
  if (angle) {
    const before = angle[1]!.replace(/[,\s"]+$/g, '').trim();
    return before !== '' && !/^(?:On|Le|Am)\b.*,$/.test(angle[1]!.trim()) ? before : deobfuscate(angle[2]!.trim());
  }
  const comment = /^(\S+(?: at \S+)?)\s*\(([^()]+)\)$/.exec(withoutSmtp.trim());
  if (comment) return comment[2]!;
  return withoutSmtp;
}

/**
 * Drops the date and time before the name: after the last comma, then up to the last word with a
 * digit in it ("On Nov 17 Mark Brown" → Mark Brown), but "Jan Janak" after a comma stays whole.
 */
function afterDate(text: string): string {
  const comma = text.lastIndexOf(', ');
  const words = (comma >= 0 ? text.slice(comma + 2) : text).split(' ');
  let start = 0;
  words.forEach((w, i) => {
    if (/\d/.test(w) || /^\(.*\)$/.test(w) || ZONE_OR_MERIDIEM.test(w)) start = i + 1;
  });
  if (start === 0 && comma < 0) while (start < words.length && isDateWord(words[start]!)) start++;
  return words.slice(start).join(' ');
}

function isDateWord(w: string): boolean {
  return (
    /\d/.test(w) ||
    MONTH_OR_DAY.test(w) ||
    TIME_WORD.test(w) ||
    /^\(.*\)$/.test(w) ||
    /^(?:in|a|message|dated)$/i.test(w)
  );
}

/** "Wei Dai:" names a person; "Example:" labels what follows, so one word must be initials ("GH:") or an address. */
function bareName(text: string): string | undefined {
  const name = plausible(stripAddress(text), false);
  if (!name || name.includes(' ')) return name;
  return /^\p{Lu}{2,4}$/u.test(name) || /[@.]/.test(name) ? name : undefined;
}

/**
 * Whether a name looks like one. A weak attribution ("X said:") must look like a person — capitalised
 * words or an address — or "Here is what the manual says:" would lose its line.
 */
function plausible(name: string, strong: boolean): string | undefined {
  const clean = name
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean === '' || clean.length > 80 || NOT_NAMES.has(clean.toLowerCase())) return undefined;
  const words = clean.split(' ');
  if (words.length > 8) return undefined;
  // "DON'T READ:" shouts; it does not name anyone.
  if (words.length > 1 && clean === clean.toUpperCase() && /\p{Lu}{3}/u.test(clean)) return undefined;
  if (strong) return clean;
  const addressLike = words.length === 1 && /[@._\d]/.test(clean);
  const capitalised = words.every((w) => /^[\p{Lu}\p{Lt}]/u.test(w) || PARTICLES.has(w) || /^\p{L}\.$/u.test(w));
  return addressLike || capitalised || words.length === 1 ? clean : undefined;
}
