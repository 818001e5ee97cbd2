/**
 * Feed text is from strangers and arrives in three dialects (plain, XML-escaped, HTML-in-XML).
 * These helpers turn any of them into plain, single-line text. They do not escape anything for a
 * platform: that is each renderer's job.
 */

// Only real HTML element names count as tags, so LaTeX such as `$a<b$` or `$x <n \rangle$` survives.
const HTML_TAGS = new Set(
  (
    'a abbr address article aside b bdi bdo big blockquote body br caption center cite code col colgroup dd del details dfn div dl dt em ' +
    'embed font footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label li link main mark math meta nav ' +
    'object ol p pre q s samp section small span strike strong sub summary sup svg table tbody td tfoot th thead title tr tt u ul var wbr'
  ).split(' '),
);
const TAG = /<\/?([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?\/?>/g;
const DROPPED_BLOCKS = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', middot: '·', times: '×', deg: '°',
  plusmn: '±', micro: 'µ', copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', sect: '§', para: '¶',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', lambda: 'λ', mu: 'μ', pi: 'π', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é', egrave: 'è', aacute: 'á', oacute: 'ó',
  iacute: 'í', uacute: 'ú', ntilde: 'ñ', ccedil: 'ç', Eacute: 'É',
};

/** Removes HTML tags (keeping their text), comments, and `<script>`/`<style>` blocks with their content. */
export function stripHtml(text: string): string {
  return text
    .replace(DROPPED_BLOCKS, ' ')
    .replace(COMMENT, ' ')
    .replace(TAG, (tag, name: string) => (HTML_TAGS.has(name.toLowerCase()) ? (isInline(name) ? '' : ' ') : tag));
}

// Inline tags join their neighbours (`Ma<b>chine</b>` is one word); block tags separate words.
const INLINE = new Set(['a', 'abbr', 'b', 'big', 'cite', 'code', 'del', 'em', 'font', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'tt', 'u', 'var', 'wbr']);
function isInline(name: string): boolean {
  return INLINE.has(name.toLowerCase());
}

/** Decodes numeric and common named character references in one pass (`&amp;lt;` → `&lt;`). Unknown names stay. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/** Collapses every run of whitespace (newlines included) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Any feed text → plain single-line text: tags stripped, entities decoded, whitespace collapsed.
 * Stripping runs again after decoding so double-escaped markup (`&amp;lt;b&amp;gt;`) ends up inert too.
 */
export function toPlainText(text: string | undefined): string {
  if (!text) return '';
  return collapseWhitespace(stripHtml(decodeEntities(stripHtml(text))));
}
