import type { ReactNode } from 'react';

/** Only plain web addresses become links: an imported `javascript:` or `file:` URL stays text. */
export function webUrl(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Opens in the user's browser: a new tab over HTTP; in Electron the window-open handler denies the
 * window and hands the address to the OS after checking its scheme again.
 */
export function ExternalLink({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  return (
    <a href={href} className={className} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}
