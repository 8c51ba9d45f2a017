/** An absolute time from the source as ISO 8601 in UTC; null when it is missing or unreadable. */
export function isoTime(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const time = new Date(value.trim());
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}
