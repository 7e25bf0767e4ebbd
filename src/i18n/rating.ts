/**
 * The ended chat's texts (issue 17: who closed it, the rating), English. Kept out of
 * `en.ts`, which is in the widget's first load: only the lazy panel imports this file,
 * and other languages carry theirs as `Translation.rating` (`fr.ts`).
 */
export const ratingEn = {
  closedBy: (name: string) => `${name} closed this conversation`,
  theTeam: 'The team',
  question: 'How was this conversation?',
  /** The scores' names, 1 to 5. */
  scores: ['Very poor', 'Poor', 'Okay', 'Good', 'Excellent'],
  score: (n: number, name: string) => `${n} of 5 – ${name}`,
  comment: 'Add a comment (optional)',
  send: 'Send',
  skip: 'Skip',
  thanks: 'Thanks for your feedback',
};

export type RatingTranslation = typeof ratingEn;
