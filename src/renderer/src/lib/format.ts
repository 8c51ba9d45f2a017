const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A readable local time for an ISO string; anything unparseable is shown as it was imported. */
export function formatWhen(value: string, withTime = true): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) return value;
  return (withTime ? dateTime : dateOnly).format(new Date(t));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

export const FORMAT_LABEL: Readonly<Record<string, string>> = {
  text: 'Plain text',
  markdown: 'Markdown',
  discourse: 'Discourse',
  reddit: 'Reddit',
  hackernews: 'Hacker News',
  mail: 'Mailing list',
  html: 'Web page',
};
