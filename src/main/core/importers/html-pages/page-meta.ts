// What a page says about itself besides its posts: its title, and whether the file is whole.
import { lineText, one, type Page } from './page';

/** Separators sites put between a page's own title and the site's name. */
const TITLE_SEPARATOR = /\s+(?:-|–|—|\||::|·|»)\s+/;

/**
 * The `<title>` without the parts sites append: "Topic - Page 2 - DosTips.com" is "Topic". The last
 * part is taken for the site's name when there are several; titles that contain a separator
 * themselves keep it, since only the final part is dropped.
 */
export function pageTitle(page: Page): string {
  const raw = lineText(one('title', page.doc) ?? []);
  const parts = raw.split(TITLE_SEPARATOR).filter((p) => !/^Page \d+$/i.test(p));
  if (parts.length > 1) parts.pop();
  return parts.join(' - ').trim();
}

/** A warning when the saved file stops before the page's end, so its last post may be cut short. */
export function truncationWarning(page: Page): string | null {
  return /<\/html\s*>/i.test(page.source.slice(-4096))
    ? null
    : 'the page ends before its closing </html> (the file may be truncated): the last post may be incomplete';
}
