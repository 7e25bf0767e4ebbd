// An element's locale (src/i18n, issue 14: one rule for the widget and the inbox, for
// texts and dates alike): its own `lang`, else the page's, resolved to a supported
// locale, so that nothing `Intl` would throw on reaches it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localeOf } from '../../src/i18n/index.js';

describe('localeOf', () => {
  it("the element's own lang wins over the page's; English when neither says", () => {
    assert.equal(localeOf('fr', 'en'), 'fr');
    assert.equal(localeOf('', 'fr'), 'fr');
    assert.equal(localeOf('', ''), 'en');
  });

  it('a regional tag is its language; a language without a translation is English (texts and dates alike)', () => {
    assert.equal(localeOf('fr-CA', ''), 'fr');
    assert.equal(localeOf('FR_ca', ''), 'fr');
    assert.equal(localeOf('de-DE', ''), 'en');
  });

  it('whatever the page writes, Intl accepts what comes out', () => {
    for (const lang of ['en-', 'fr-!!', 'en--GB', 'x', '💥', 'fr_CA', 'en-GB-oxendict', ' fr ']) {
      const locale = localeOf(lang, '');
      assert.doesNotThrow(() => new Intl.DateTimeFormat(locale).format(new Date(0)), `${lang} → ${locale}`);
    }
  });
});
