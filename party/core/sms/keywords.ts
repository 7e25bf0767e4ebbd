/**
 * What an SMS body means to the carrier rules: the opt-out and opt-in keywords Twilio
 * honours (a number that sent STOP gets nothing more until it sends START), and the
 * longest body one message may carry.
 */

/** Twilio's limit for one message's body (it splits longer texts into at most 10 segments). */
export const SMS_MAX_CHARS = 1600;

const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ARRET']);
const OPT_IN = new Set(['START', 'UNSTOP', 'YES']);

/**
 * `out` for an opt-out keyword, `in` for an opt-in one, else null. As the carriers
 * do, the whole body is the keyword (any case, spaces and a final dot or `!` around it,
 * accents dropped: `Arrêt` is ARRET); HELP is answered by Twilio itself.
 */
export function optChange(body: string): 'out' | 'in' | null {
  const word = body
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/[.!]+$/, '')
    .toUpperCase();
  return OPT_OUT.has(word) ? 'out' : OPT_IN.has(word) ? 'in' : null;
}
