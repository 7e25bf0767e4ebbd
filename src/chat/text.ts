/**
 * Message text as Lit bindings: never HTML. Links are recognised and rendered as
 * `<a>` only for http(s), with `rel="noopener noreferrer nofollow"` (STYLE.md), and
 * e-mail addresses as `mailto:` links (issue 17).
 */
import { html, type TemplateResult } from 'lit';

// A URL first, so an address inside one stays part of it. An address starts only where a
// run of its characters starts (the lookbehind): tried from every position of a long run
// without an "@", it made matching quadratic, and a shopper's 4,000-character messages froze
// the agent's inbox for seconds (review finding).
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]}]|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

export function safeHttpUrl(raw: string | undefined | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function richText(body: string): Array<string | TemplateResult> {
  const out: Array<string | TemplateResult> = [];
  let last = 0;
  for (const match of body.matchAll(URL_PATTERN)) {
    const href = /^https?:/i.test(match[0]) ? safeHttpUrl(match[0]) : `mailto:${match[0]}`;
    if (!href) continue;
    out.push(body.slice(last, match.index));
    out.push(html`<a href=${href} target="_blank" rel="noopener noreferrer nofollow">${match[0]}</a>`);
    last = match.index! + match[0].length;
  }
  out.push(body.slice(last));
  return out;
}
