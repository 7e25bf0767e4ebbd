/**
 * The specifics a question or a passage can name (issue 18): countries, cities,
 * products and sizes, in English and French, each with the id the others share
 * ("Canadian", "au Canada" → canada; "sneakers", "chaussures" → shoe). Specific beats
 * general: a passage naming the question's specific is preferred, and one naming a
 * different one is not a confident answer.
 *
 * Strict kinds (`country`, `size`) must be named by the answer itself: delivery times
 * or sizes that hold for one country or size say nothing of another. For the other
 * kinds a passage that names none still applies ("return a jacket" → the returns FAQ).
 * Closed kinds (`country`, `size`, `city`) that no passage names at all are questions the
 * shop's texts do not answer (shipping to Japan, a store in London).
 */

export type SpecificKind = 'country' | 'city' | 'product' | 'size';

export const STRICT: ReadonlySet<SpecificKind> = new Set(['country', 'size']);

/** Kinds where one no passage names means the shop does not cover it (a store in London). */
export const CLOSED: ReadonlySet<SpecificKind> = new Set(['country', 'size', 'city']);

export const SPECIFICS: Record<SpecificKind, Record<string, string[]>> = {
  country: {
    canada: ['canada', 'canadian', 'toronto', 'montreal', 'quebec', 'vancouver'],
    usa: ['united states', 'usa', 'the us', 'america', 'etats unis', 'new york'],
    france: ['france', 'metropolitaine'],
    belgium: ['belgium', 'belgique'],
    germany: ['germany', 'allemagne'],
    spain: ['spain', 'espagne'],
    italy: ['italy', 'italie'],
    portugal: ['portugal'],
    eu: ['european union', 'europe', 'the eu', 'union europeenne', 'l ue', 'eu'],
    uk: ['united kingdom', 'uk', 'england', 'great britain', 'royaume uni', 'angleterre'],
    switzerland: ['switzerland', 'suisse'],
    japan: ['japan', 'japon'],
    australia: ['australia', 'australie'],
    brazil: ['brazil', 'bresil'],
    china: ['china', 'chine'],
    mexico: ['mexico', 'mexique'],
  },
  city: {
    paris: ['paris'],
    lyon: ['lyon'],
    london: ['london', 'londres'],
    bordeaux: ['bordeaux'],
    marseille: ['marseille'],
    berlin: ['berlin'],
  },
  product: {
    shoe: ['shoe', 'shoes', 'sneakers', 'trainers', 'boots', 'sandals', 'chaussure', 'chaussures', 'baskets', 'bottes'],
    sweater: ['sweater', 'jumper', 'pullover', 'pull', 'knitwear', 'tricot'],
    jeans: ['jeans', 'jean'],
    jacket: ['jacket', 'veste', 'blouson'],
    coat: ['coat', 'manteau', 'parka'],
    dress: ['dress', 'dresses', 'robe', 'robes'],
    shirt: ['shirt', 't shirt', 'tshirt', 'tee', 'chemise'],
    cardigan: ['cardigan', 'gilet'],
    underwear: ['underwear', 'lingerie', 'sous vetements'],
    earrings: ['earrings', 'boucles d oreilles', 'boucles d oreille'],
    bag: ['bag', 'handbag', 'sac'],
    trousers: ['trousers', 'pants', 'chinos', 'pantalon', 'pantalons'],
    skirt: ['skirt', 'skirts', 'jupe', 'jupes'],
    scarf: ['scarf', 'scarves', 'echarpe', 'foulard'],
    socks: ['socks', 'chaussettes'],
  },
  size: {
    xs: ['xs', 'extra small'],
    xl: ['xl', 'extra large', 'xxl', '2xl'],
    petite: ['petite sizes', 'petite size', 'in petite'],
    plus: ['plus size', 'plus sizes', 'grande taille', 'grandes tailles'],
  },
};
