// Where a topic lives: the site's host name, the topic's id and slug. Identity and links are built
// from these alone, so a topic read from JSON, from its RSS feed or from a saved page is one thread.

export interface TopicAddress {
  /** Null when the file never names its site (old JSON with gravatar avatars and relative links). */
  host: string | null;
  topicId: number;
  slug: string | null;
}

export function topicIdentity(address: TopicAddress): string {
  return address.host ? `discourse:${address.host}:${address.topicId}` : `discourse:${address.topicId}`;
}

export function topicUrl(address: TopicAddress): string | null {
  if (!address.host) return null;
  return `https://${address.host}/t/${address.slug ? `${address.slug}/` : ''}${address.topicId}`;
}

export function postPermalink(address: TopicAddress, postNumber: number): string | null {
  const topic = topicUrl(address);
  return topic ? `${topic}/${postNumber}` : null;
}

/**
 * Discourse names its own host in every uploaded avatar (`/user_avatar/<host>/<user>/{size}/…`);
 * letter avatars and gravatars do not, so a file may not tell.
 */
export function hostFromAvatarTemplate(template: unknown): string | null {
  if (typeof template !== 'string') return null;
  const match = /^(?:https?:)?(?:\/\/[^/]+)?\/user_avatar\/([a-z0-9.-]+\.[a-z0-9-]+)\//i.exec(template);
  return match ? match[1]!.toLowerCase() : null;
}

export interface TopicLink {
  host: string | null;
  slug: string | null;
  topicId: number;
  postNumber: number | null;
}

/** `/t/<slug>/<id>[/<post number>]` or `/t/<id>[/<post number>]`, absolute or relative, maybe with `#post_N`. */
export function parseTopicUrl(url: string): TopicLink | null {
  const match =
    /^(?:(?:https?:)?\/\/([^/?#]+))?[^?#]*?\/t\/(?:([^/?#]+)\/)?(\d+)(?:\/(\d+))?\/?(?:\?[^#]*)?(?:#post_(\d+))?/i.exec(
      url.trim(),
    );
  if (!match) return null;
  const host = match[1] ? match[1].replace(/:\d+$/, '').toLowerCase() : null;
  const [first, second, third, hashed] = [match[2], match[3]!, match[4], match[5]];
  // `/t/<id>/<n>` has no slug: the first number is the topic, the second the post.
  if (first && /^\d+$/.test(first)) {
    return { host, slug: null, topicId: Number(first), postNumber: Number(second) };
  }
  const postText = third ?? hashed;
  return {
    host,
    slug: first ? safeDecode(first) : null,
    topicId: Number(second),
    postNumber: postText ? Number(postText) : null,
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A title from a slug when the file gives none (a `/posts.json` page). Discourse slugs lose case and
 * punctuation, and titles in scripts without Latin letters all get the slug `topic`.
 */
export function titleFromSlug(slug: string | null, topicId: number): string {
  const words = (slug ?? '').split('-').filter(Boolean);
  if (words.length === 0 || (words.length === 1 && words[0] === 'topic')) return `Discourse topic ${topicId}`;
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
