/** The ids the client makes for its messages (`clientId`), so a resend is stored once. */
export function newClientId(): string {
  // Pages served over plain http (no secure context) lack randomUUID: the same version-4 form
  // from `getRandomValues`, each 0, 1 or 8 of the pattern a random hex digit (8: 8 to b, the variant).
  return (
    crypto.randomUUID?.() ??
    '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4)))).toString(16))
  );
}
