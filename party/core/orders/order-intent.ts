/**
 * Whether a shopper's message asks about their order (issue 18): "where is my order",
 * "has #1001 shipped?", "où est ma commande", "suivi de mon colis". Checked before the
 * FAQ retrieval, so an order question gets the shopper's own order, never a shipping FAQ.
 * The language is the one the question was matched in.
 */
export interface OrderIntent {
  lang: 'en' | 'fr';
  /** The order number the shopper typed, without `#`, if any. */
  number?: string;
}

const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

// Written against the folded text (no accents, lower case).
const FR = [
  // Possessives only: "la livraison" or "une commande" is a general question for the FAQs.
  /\b(ma|mes|mon|ta|tes|ton|votre|vos|notre|nos) (commande|colis|livraison|paquet)s?\b/,
  /\bsuivi(s)? (de |du |des )?(ma |mon |mes |la |le )?(commande|colis|livraison|envoi)/,
  /\b(ma|mes|mon|votre|vos|notre|nos) (commande|colis)\b.*\b(expedie|envoye|livre|arrive|parti|suivi)/,
  /\b(ou|quand) (en est|est|sont|arrive)\b.*\b(ma|mes|mon|votre|vos|notre|nos) (commande|colis)/,
  /\bnumero de suivi\b/,
];
const EN = [
  /\bwhere('s| is| are)? (my|our) (order|package|parcel|stuff|delivery)/,
  /\b(my|our) (order|package|parcel|delivery|shipment)s?\b.*\b(status|shipped|arrive|arriving|coming|sent|delivered|late|track)/,
  /\b(track|tracking)\b.*\b(order|package|parcel|shipment)/,
  /\b(order|package|parcel) (status|tracking)\b/,
  /\b(has|have|did|is|was)\b.*#?\d{3,}.*\b(ship|shipped|sent|arrive|arrived|deliver|delivered|dispatch)/,
  /\btrack my\b/,
  /^\s*order #?\d{3,}\s*$/,
];

const OTHER = /\b(return|returns|refund|exchange|cancel|damaged|broken|retour|retourner|rembours\w*|echange\w*|annuler|abime\w*|casse\w*)\b/;

/** The intent of `question`, or null when it is not about the shopper's order. */
export function orderIntent(question: string): OrderIntent | null {
  const text = fold(question);
  // "Can I return my order? It arrived broken" is for the returns FAQ, not the order's status.
  if (OTHER.test(text) && !/\b(where|track|tracking|suivi|ou est)\b/.test(text)) return null;
  const lang = FR.some((re) => re.test(text)) ? 'fr' : EN.some((re) => re.test(text)) ? 'en' : null;
  const number = /#\s?(\d{3,12})\b/.exec(text)?.[1] ?? /\b(?:order|commande)\s+(?:n[o°]?\s?)?(\d{3,12})\b/.exec(text)?.[1];
  // "#1001?" alone, or a number next to the word order, is about an order too.
  const found = lang ?? (number && /\b(order|commande)\b|^\s*#/.test(text) ? (/\bcommande\b/.test(text) ? 'fr' : 'en') : null);
  if (!found) return null;
  return number ? { lang: found, number } : { lang: found };
}
