/** What leads a conversation (R4, R5): the merchant's welcome, and the terms and privacy links before the first message. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../../i18n/index.js';
import type { WidgetConfig } from '../../protocol/index.js';
import { richText, safeHttpUrl } from '../text.js';

/** From config, never stored: it stays first after the first message and a reload. */
export function welcomeView(welcome: string): TemplateResult {
  return html`<div class="bubble team" part="welcome message"><span class="text">${richText(welcome)}</span></div>`;
}

export function policyView(t: Translation, policy: WidgetConfig['policy'] | undefined): TemplateResult | typeof nothing {
  const terms = safeHttpUrl(policy?.termsUrl);
  const privacy = safeHttpUrl(policy?.privacyUrl);
  if (!terms && !privacy) return nothing;
  const link = (href: string, label: string) => html`<a href=${href} target="_blank" rel="noopener noreferrer nofollow">${label}</a>`;
  return html`<p class="policy" part="policy-links">
    ${t.policy} ${terms ? link(terms, t.terms) : nothing}${terms && privacy ? html` ${t.and} ` : nothing}${privacy ? link(privacy, t.privacy) : nothing}.
  </p>`;
}
