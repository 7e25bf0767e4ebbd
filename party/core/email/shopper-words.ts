/**
 * The shopper's e-mails in the shopper's words (issue 17): written in the ticket's
 * language (its content language, `ticket-language.ts`, else the shop's default; English
 * or French, English for the others), and naming the shop as the shopper knows it: its
 * display name (`shopName`) and its storefront's domain, never its `*.myshopify.com` one
 * while a better one is known.
 */
import type { Ticket } from '../../../src/protocol/index.js';
import { defaultLanguage } from '../content-languages.js';
import type { TicketMeta } from '../ticket-state.js';

/** What a ticket room knows of its shop for the shopper's e-mails, pushed with the settings (R12). */
export interface ShopIdentity {
  /** The settings' `shopName`, trimmed; absent when the merchant gave none. */
  name?: string;
  /** The shop's default content language (`defaultLanguage`, `en` when absent). */
  language: string;
}

/** The shop as its shoppers' e-mails name it, and their default language, from its settings. */
export function shopIdentity(s: { shopName?: string } & Parameters<typeof defaultLanguage>[0]): ShopIdentity {
  // One line: the name goes into subjects.
  const name = s.shopName?.replace(/\s+/g, ' ').trim();
  return { ...(name ? { name } : {}), language: defaultLanguage(s) };
}

/** The words an e-mail that quotes messages is written with (compose.ts `quotingEmail`). */
export interface QuoteWords {
  /** After the author's name (both languages name them first): " wrote:". */
  wrote: string;
  more(count: number): string;
  /** A message that has only images. */
  image: string;
}

export interface ShopperWords extends QuoteWords {
  replySubject(count: number, shop: string): string;
  /** The reply notice's link, "on shop.example" when the storefront is known. */
  continueOn(site: string | null): string;
  transcriptSubject(shop: string): string;
  started(day: string): string;
  viewImage: string;
  you: string;
  ai: string;
  automatic: string;
  /** An agent without a display name. */
  team: string;
  /** The away reply's line (R9): the answer also comes by e-mail to `to` (masked). */
  awayByEmail(to: string): string;
  /** A handoff to the team (R11), as the widget says it: the stored message holds only its reason code. */
  handoff: string;
  handoffEmail: string;
}

export const ENGLISH_QUOTES: QuoteWords = { wrote: ' wrote:', more: (n) => `…and ${n} more.`, image: '(an image)' };

const en: ShopperWords = {
  ...ENGLISH_QUOTES,
  replySubject: (n, shop) => (n === 1 ? `You have a reply from ${shop}` : `You have ${n} replies from ${shop}`),
  continueOn: (site) => (site ? `Continue the conversation on ${site}` : 'Continue the conversation'),
  transcriptSubject: (shop) => `Your conversation with ${shop}`,
  started: (day) => `started ${day}`,
  viewImage: 'View image',
  you: 'You',
  ai: 'AI agent',
  automatic: 'Automatic reply',
  team: 'Support team',
  awayByEmail: (to) => `If you leave this page, we'll also e-mail you at ${to} when we reply.`,
  handoff: 'A member of our team will answer you here.',
  handoffEmail: 'Our team has your conversation and will follow up by e-mail.',
};

const fr: ShopperWords = {
  wrote: ' a écrit :',
  more: (n) => `…et ${n} de plus.`,
  image: '(une image)',
  replySubject: (n, shop) => (n === 1 ? `Vous avez une réponse de ${shop}` : `Vous avez ${n} réponses de ${shop}`),
  continueOn: (site) => (site ? `Continuer la conversation sur ${site}` : 'Continuer la conversation'),
  transcriptSubject: (shop) => `Votre conversation avec ${shop}`,
  started: (day) => `commencée le ${day}`,
  viewImage: 'Voir l’image',
  you: 'Vous',
  ai: 'Agent IA',
  automatic: 'Réponse automatique',
  team: 'Équipe d’assistance',
  awayByEmail: (to) => `Si vous quittez cette page, nous vous écrirons aussi à ${to} quand nous répondrons.`,
  handoff: 'Un membre de notre équipe va vous répondre ici.',
  handoffEmail: 'Notre équipe a reçu votre conversation et vous répondra par e-mail.',
};

/** The ticket's language: the content language it started in, else its shop's default. */
export const shopperLanguage = (meta: TicketMeta): string => meta.lang ?? meta.notifications?.shop?.language ?? 'en';

export const shopperWords = (meta: TicketMeta): ShopperWords => (shopperLanguage(meta) === 'fr' ? fr : en);

/** The shop as its shopper knows it: a name for subjects, and the storefront (origin and domain) when known. */
export interface KnownShop {
  name: string;
  storefront: { url: string; site: string } | null;
}

/**
 * The storefront is the page the chat was on (the shopper was there, and the reply
 * notice links back to it), else the merchant's `storefrontUrl`; the name is `shopName`,
 * else that storefront's domain, else, only when nothing better is known, the shop's own.
 */
export function knownShop(meta: TicketMeta): KnownShop {
  const storefront = siteOf(pageOf(meta.ticket)) ?? siteOf(meta.notifications?.email?.storefrontUrl);
  return { name: meta.notifications?.shop?.name || storefront?.site || meta.ticket.shop, storefront };
}

/** The page the shopper's chat was on (`setContext`'s `pageUrl`, stored as an http(s) URL). */
export const pageOf = (ticket: Ticket): string | undefined => (typeof ticket.context?.pageUrl === 'string' ? ticket.context.pageUrl : undefined);

function siteOf(url: string | undefined): KnownShop['storefront'] {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return { url: `${u.origin}/`, site: u.host.replace(/^www\./, '') };
  } catch {
    return null;
  }
}
