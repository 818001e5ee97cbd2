/**
 * URLs from text we did not write (list entries, feeds, what users type), parsed once and the
 * same way everywhere; each platform then applies its own escaping to the result.
 */

/** The URL `text` spells (surrounding white space ignored), or undefined when it is not one. */
export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text.trim());
  } catch {
    return undefined;
  }
}

/**
 * The URL if it is an absolute http(s) link; undefined for anything else, so a `javascript:` or
 * `slack://` link from the list can never become clickable.
 */
export function httpUrl(text: string): URL | undefined {
  const url = parseUrl(text);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : undefined;
}
