/**
 * What the inbox needs to know about SMS (R13, issue 16), with no library: a phone
 * number in E.164 written for reading, and how many SMS segments a reply costs
 * (160 GSM-7 characters, 153 a segment when there are several; 70 and 67 when the text
 * needs UCS-2), with Twilio's 1,600-character limit on a message body.
 */

/** Twilio refuses a longer body. */
export const SMS_MAX_CHARS = 1600;

/** Country calling codes of one and two digits (ITU E.164 assignments); every other is three. */
const ONE_DIGIT = new Set(['1', '7']);
const TWO_DIGITS = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(' '),
);

/**
 * `+15145550123` → `+1 514-555-0123`; `+33612345678` → `+33 6 12 34 56 78`; other
 * countries as the country code and groups of three (the last of up to four). Anything
 * that is not E.164 comes back as it was.
 */
export function formatPhone(e164: string): string {
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) return e164;
  const digits = e164.slice(1);
  const cc = ONE_DIGIT.has(digits[0]!) ? digits[0]! : TWO_DIGITS.has(digits.slice(0, 2)) ? digits.slice(0, 2) : digits.slice(0, 3);
  const national = digits.slice(cc.length);
  if (cc === '1' && national.length === 10) return `+1 ${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`;
  if (cc === '33' && national.length === 9) return `+33 ${national[0]} ${national.slice(1).match(/\d\d/g)!.join(' ')}`;
  const groups: string[] = [];
  let rest = national;
  while (rest.length > 4) {
    groups.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  if (rest) groups.push(rest);
  return `+${cc} ${groups.join(' ')}`;
}

/** The GSM 03.38 default alphabet, and its extension table (each of those costs two septets). */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '\f^{}\\[~]|€';

export interface SmsCount {
  /** `gsm` (GSM-7) or `ucs2` when any character is outside GSM-7. */
  encoding: 'gsm' | 'ucs2';
  /** How many SMS the text is sent as (0 for an empty text). */
  segments: number;
  /** Characters (UTF-16 units, as the limit counts them). */
  chars: number;
  /** Over Twilio's 1,600-character limit: it cannot be sent. */
  tooLong: boolean;
}

export function smsCount(text: string): SmsCount {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const units = gsm ? septets : text.length;
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  return { encoding: gsm ? 'gsm' : 'ucs2', segments, chars: text.length, tooLong: text.length > SMS_MAX_CHARS };
}
