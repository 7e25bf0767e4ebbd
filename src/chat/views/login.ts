/** R2: an anonymous visitor is asked to log in to start a chat, and comes back to this page after. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../../i18n/index.js';
import { safeHttpUrl } from '../text.js';

/** `back` leads to the FAQ again, where the visitor came from it. */
export function loginView(t: Translation, href: string, back: (() => void) | null): TemplateResult {
  return html`<div class="center body login">
    ${back ? html`<button class="link-button" @click=${back}>← ${t.faqBack}</button>` : nothing}
    <h3>${t.loginTitle}</h3>
    <p>${t.loginText}</p>
    <a class="primary" href=${href}>${t.loginButton}</a>
  </div>`;
}

/** The store's login page (the `login-url` attribute), with a `return_url` back to this page. */
export function loginHref(loginUrl: string): string {
  const base = safeLoginUrl(loginUrl);
  const back = `${location.pathname}${location.search}`;
  return `${base}${base.includes('?') ? '&' : '?'}return_url=${encodeURIComponent(back)}`;
}

function safeLoginUrl(raw: string): string {
  // Only same-site paths or http(s) URLs: never `javascript:`.
  if (raw.startsWith('/') && !raw.startsWith('//')) return raw;
  return safeHttpUrl(raw) ?? '/account/login';
}
