// Where a saved page came from. Saved and mirrored pages rewrite their links to local files, so the
// address survives only in what the saving tool wrote down or in absolute metadata links.
import { one, type Page } from './page';

/** Browsers' "Save page as": `<!-- saved from url=(0041)https://… -->`. */
const SAVED_FROM = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i;
/** HTTrack: `<!-- Mirrored from www.dostips.com/forum/viewtopic.php?f=3&t=8820 by HTTrack … -->`. */
const MIRRORED_FROM = /<!--\s*Mirrored from (\S+) by HTTrack/i;

/** The page's own address, or null when the page does not say. */
export function pageUrl(page: Page): URL | null {
  const saved = SAVED_FROM.exec(page.source)?.[1];
  // HTTrack drops the scheme; every board mirrored here serves https.
  const mirrored = MIRRORED_FROM.exec(page.source)?.[1];
  const candidates = [
    saved,
    mirrored && (/^[a-z]+:\/\//i.test(mirrored) ? mirrored : `https://${mirrored}`),
    one('link[rel~=canonical]', page.doc)?.attribs.href,
    one('meta[property="og:url"]', page.doc)?.attribs.content,
    one('base[href]', page.doc)?.attribs.href,
  ];
  for (const candidate of candidates) {
    const url = absoluteUrl(candidate);
    if (url) return url;
  }
  return null;
}

/** An http(s) URL, when the text is one; relative and other-scheme links are not addresses of a site. */
export function absoluteUrl(text: string | undefined, base?: URL | null): URL | null {
  if (!text) return null;
  // Protocol-relative links (`//host/path`) are absolute in all but the scheme.
  const spelled = !base && text.startsWith('//') ? `https:${text}` : text;
  try {
    const url = base ? new URL(spelled, base) : new URL(spelled);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The host part of a thread identity; `unknown` when the page does not say where it came from. */
export function identityHost(url: URL | null): string {
  return url?.host ?? 'unknown';
}
