// The inbox's SMS arithmetic (issue 16, R13): numbers in E.164 written for reading, and
// the segment count Twilio bills (GSM-7 160/153, UCS-2 70/67) with its 1,600-character limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SMS_MAX_CHARS, formatPhone, smsCount } from '../../src/inbox/sms.js';

describe('formatPhone', () => {
  it('writes North American numbers as +1 514-555-0123', () => {
    assert.equal(formatPhone('+15145550123'), '+1 514-555-0123');
    assert.equal(formatPhone('+12125551234'), '+1 212-555-1234');
  });
  it('writes French numbers in pairs and other countries in groups after their country code', () => {
    assert.equal(formatPhone('+33612345678'), '+33 6 12 34 56 78');
    assert.equal(formatPhone('+447700900123'), '+44 770 090 0123');
    assert.equal(formatPhone('+4915112345678'), '+49 151 123 456 78');
    assert.equal(formatPhone('+353851234567'), '+353 851 234 567');
    assert.equal(formatPhone('+79161234567'), '+7 916 123 4567');
  });
  it('leaves anything that is not E.164 as it was', () => {
    for (const raw of ['', '5145550123', '+', '+0123456789', '+1 514 555 0123', '+1234567890123456', 'sms:+15145550123', '<b>+1</b>']) {
      assert.equal(formatPhone(raw), raw);
    }
  });
});

describe('smsCount', () => {
  it('counts GSM-7 texts as 160 characters in one segment, then 153 a segment', () => {
    assert.deepEqual(smsCount(''), { encoding: 'gsm', segments: 0, chars: 0, tooLong: false });
    assert.equal(smsCount('a'.repeat(160)).segments, 1);
    assert.equal(smsCount('a'.repeat(161)).segments, 2);
    assert.equal(smsCount('a'.repeat(306)).segments, 2);
    assert.equal(smsCount('a'.repeat(307)).segments, 3);
    assert.equal(smsCount('Ça coûte 5€ ? àéèù').encoding, 'ucs2', 'û is not in GSM-7');
    assert.equal(smsCount('Ça coute 5 € ? àéèù@£$').encoding, 'gsm');
  });
  it('counts the extension characters as two septets', () => {
    assert.equal(smsCount('€'.repeat(80)).segments, 1);
    assert.equal(smsCount('€'.repeat(81)).segments, 2);
    assert.equal(smsCount('{}[]~|^\\'.repeat(10)).segments, 1);
    assert.equal(smsCount('{}[]~|^\\'.repeat(11)).segments, 2);
  });
  it('switches to UCS-2 for any other character: 70 in one segment, then 67 a segment, an emoji counting two', () => {
    const u = smsCount('é'.repeat(69) + 'ł');
    assert.deepEqual([u.encoding, u.segments], ['ucs2', 1]);
    assert.equal(smsCount('ł'.repeat(71)).segments, 2);
    assert.equal(smsCount('ł'.repeat(134)).segments, 2);
    assert.equal(smsCount('ł'.repeat(135)).segments, 3);
    assert.deepEqual([smsCount('👍'.repeat(35)).segments, smsCount('👍'.repeat(36)).segments], [1, 2]);
  });
  it('refuses more than 1,600 characters', () => {
    assert.equal(smsCount('a'.repeat(SMS_MAX_CHARS)).tooLong, false);
    assert.equal(smsCount('a'.repeat(SMS_MAX_CHARS + 1)).tooLong, true);
    assert.equal(smsCount('a'.repeat(SMS_MAX_CHARS)).segments, 11);
  });
});
