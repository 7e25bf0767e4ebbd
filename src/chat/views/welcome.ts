/**
 * What leads a conversation (R4, R5): the merchant's welcome, the terms and privacy links
 * before the first message, and what happens next after it (issue 17).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Translation } from '../../i18n/index.js';
import type { ChatMessage } from '../../client/chat-client.js';
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

/**
 * Until the team or the AI agent answers: the reply comes here, and also by e-mail when
 * the server sends replies by e-mail and the shopper has an address it can send to.
 */
export function nextView(t: Translation, list: ChatMessage[], byEmail: boolean): TemplateResult | typeof nothing {
  const answered = list.some((m) => m.author.role === 'agent' || m.author.role === 'ai');
  return !answered && list.some((m) => m.author.role === 'shopper') ? html`<p class="next">${t.nextReply}${byEmail ? t.nextEmail : ''}</p>` : nothing;
}
