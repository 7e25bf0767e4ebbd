// The AI agent's close calls (issue 18, R10, R11): a wrong answer costs more than a
// handoff, so a passage that covers the question only through its document's title, or
// misses a part of the question another FAQ is about, is no answer; and the lexicon's
// shopper words (a broken zip, "back in stock", logging in) reach their FAQ. Over the
// evaluation's fixture shop (its texts, not its questions).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ask } from './fixture-shop-agent.js';

describe('retrieval close calls (issue 18)', () => {
  it('a document paragraph is not on a subject only its title names: "Qui paie le retour ?" is not the delivery-cost paragraph of "Livraison et retours"', async () => {
    // Who pays is what is free ("prepaid label"), not a refund's delay nor the delivery's cost.
    assert.match(await ask('Qui paie le retour ?'), /^How do I send an item back\?/);
  });

  it('a part of the question that another FAQ is about makes the answer a guess: "who pays for return shipping" is not the shipping-cost FAQ', async () => {
    // The shipping-cost FAQ misses "return", which the return FAQs are about: asked again, or the prepaid label.
    assert.match(await ask('Who pays for return shipping?'), /^(\(clarify\)|How do I send an item back\?)/);
  });

  it('reaches the FAQ in the shopper\u2019s words: a broken zip is the warranty, "back in stock" the restock, logging in the password', async () => {
    assert.match(await ask('The zip of my coat broke after 3 months, is that covered?'), /^Is there a warranty on your products\?/);
    assert.match(await ask('Is the blue dress back in stock soon?'), /^Will a sold-out item be restocked\?/);
    assert.match(await ask('Quand le pull sera-t-il de nouveau en stock ?'), /^Will a sold-out item be restocked\?/);
    assert.match(await ask('I cannot log in to my account'), /^How do I reset my password\?/);
    assert.match(await ask('Je ne peux pas me connecter à mon compte'), /^How do I reset my password\?/);
  });

  it('the shopper’s language picks a translation, never another fact: a French question on a refund’s delay is not answered with the French return window', async () => {
    const out = await ask('Je n’ai toujours pas reçu mon remboursement, c’est normal ?');
    assert.match(out, /5 (to|à) 10/, out);
  });

  it('filler verbs and options say nothing ("offer" is not "of"), a duration in years, taxes, 24h and brands of card are shopper words', async () => {
    const cases: Array<[string, RegExp]> = [
      ['Do you offer Klarna?', /^Can I pay in installments\?/],
      ['Is there a faster shipping option?', /^Do you offer express delivery\?/],
      ['Livraison en 24h possible ?', /^Do you offer express delivery\?/],
      ['How long do refunds take?', /5 to 10 days/],
      ['How long is the guarantee?', /^Is there a warranty on your products\?/],
      ['Will I pay import tax in Canada?', /^Do you ship to Canada\?/],
      ['Do you take PayPal?', /^Which payment methods do you accept\?/],
      ['How do I stop receiving your emails?', /^How do I unsubscribe from the newsletter\?/],
    ];
    for (const [q, expected] of cases) assert.match(await ask(q), expected, q);
  });

  it('an FAQ asking "when" answers a delay only: "I want my money back" is not "When will I get my refund?", "I still have not got my refund" is', async () => {
    for (const q of ['I want my money back', 'Do you give refunds?', 'Je voudrais un remboursement']) assert.doesNotMatch(await ask(q), /^When will I get my refund\?/, q);
    for (const q of ['I still have not got my refund', 'How long until my refund arrives?', 'Quand vais-je être remboursé ?']) assert.match(await ask(q), /^When will I get my refund\?/, q);
  });

  it('a number of days or weeks in a question asks how long (the shop’s figure answers), and a wrong size is an exchange', async () => {
    assert.match(await ask('Can I still return it after 3 weeks?'), /within 30 days/);
    assert.match(await ask('I ordered the wrong size'), /^Can I exchange an item for another size\?/);
    assert.match(await ask('J’ai commandé la mauvaise taille'), /^Can I exchange an item for another size\?/);
  });

  it('short shopper phrasings reach their FAQ: opening times, no more newsletter, a timeline, "come up small", payment options, a code not accepted', async () => {
    const cases: Array<[string, RegExp]> = [
      ['Vos magasins ouvrent à quelle heure ?', /^Do you have physical stores\?/],
      ['Je ne veux plus recevoir la newsletter', /^How do I unsubscribe from the newsletter\?/],
      ['refund timeline', /5 to 10 days/],
      ['do trainers come up small', /^Do your shoes run small\?/],
      ['payment options', /^Which payment methods do you accept\?/],
      ['discount code not accepted', /^Why doesn't my discount code work\?/],
    ];
    for (const [q, expected] of cases) assert.match(await ask(q), expected, q);
  });

  it('asked what something costs, a passage that states no price is no answer: the Canada FAQ ("duties included in the price") does not say what delivery to Canada costs', async () => {
    assert.equal(await ask('Combien coûte la livraison au Canada ?'), '(clarify)');
    assert.equal(await ask('How much does delivery to Canada cost?'), '(clarify)');
    assert.match(await ask('How much is shipping?'), /€4\.90/);
    assert.match(await ask('is delivery free?'), /free on orders over €60/);
  });

  it('chatty filler ("placed", "wondering", "visit", "best way", "two weeks") says nothing, and "never wore them" is unworn', async () => {
    const cases: Array<[string, RegExp]> = [
      ['Hi there! I just placed an order and was wondering how long it usually takes to arrive in France?', /3 to 5 business days|3 à 5 jours/],
      ['I bought jeans two weeks ago and never wore them, can I still send them back?', /30 (days|jours)/],
      ['Do you guys have a shop in Paris I could visit?', /^Do you have physical stores\?/],
      ['What is the best way to wash cashmere?', /hand wash cold|lavage à la main/],
    ];
    for (const [q, expected] of cases) assert.match(await ask(q), expected, q);
  });

  it('several sentences and one question: the question is answered (two questions: retrieval-round-four.test.ts)', async () => {
    assert.match(await ask('I got my parcel on Monday, it is lovely but a bit tight. Can I return it?'), /within 30 days/);
    assert.match(await ask('Thanks for the quick delivery! How do I reset my password?'), /^How do I reset my password\?/);
    assert.match(await ask('My friend recommended you. Do gift cards expire?'), /^Do gift cards expire\?/);
    // The context's country stays part of the question: never the general 3 to 5 days.
    assert.doesNotMatch(await ask('I live in Canada. How long does shipping take?'), /3 to 5/);
  });

  it('asked whether something is free, a passage that states no price is no answer; a bare "back" says nothing', async () => {
    assert.equal(await ask('Is shipping to Belgium free?'), '(clarify)');
    assert.equal(await ask('When is the sweater back?'), '(clarify)');
    assert.match(await ask('Are exchanges free?'), /^Can I exchange an item for another size\?/);
  });

  it('a broken strap is the warranty, "keep getting your emails" the newsletter, "my code says expired" the discount code', async () => {
    assert.match(await ask('My bag strap broke'), /^Is there a warranty on your products\?/);
    assert.match(await ask('I keep getting your emails'), /^How do I unsubscribe from the newsletter\?/);
    assert.match(await ask('My code says expired'), /^Why doesn't my discount code work\?/);
  });

  it('a condition ("if they are too long") weighs less than what is asked; "tell me if" is still the question', async () => {
    assert.match(await ask('Can I return the jeans if they are too long?'), /within 30 days/);
    assert.match(await ask('Can someone tell me if you accept Apple Pay?'), /^Which payment methods do you accept\?/);
  });

  it('asked how to do something, the FAQ that gives the steps ("How do I ...?") beats the policy', async () => {
    assert.match(await ask('Comment renvoyer un article ?'), /^How do I send an item back\?/);
    assert.doesNotMatch(await ask('how do i ship a return'), /^(What is your return policy|Returns and refunds policy)/);
    assert.match(await ask('What is your return policy?'), /^What is your return policy\?/);
  });

  it('a message of only the words every shop uses ("what do I order?", "my item") asks nothing yet: no answer', async () => {
    for (const q of ['what do I order?', 'my item', 'my jacket order']) assert.equal(await ask(q), '(clarify)', q);
    assert.match(await ask('do trainers come up small'), /^Do your shoes run small\?/);
  });
  it('"a bigger one", "a size down" ask for another size: an exchange, not how sizes run (round 3)', async () => {
    for (const q of ['The dress is too small, can I get a bigger one?', 'Can I have these jeans a size down?', 'Je peux avoir la taille au dessus ?']) assert.match(await ask(q), /^Can I exchange an item for another size\?/, q);
  });

  it('"where is my refund?" asks when it comes: the refund-delay FAQ answers it (round 3)', async () => {
    for (const q of ['Où est mon remboursement ?', 'Where is my refund?']) assert.match(await ask(q), /^When will I get my refund\?/, q);
  });
  it('how it fits is the reason, not the ask: "a dress too big, I want to send it back" is a return (round 3)', async () => {
    assert.match(await ask('Je veux renvoyer une robe trop grande'), /^(Livraison et retours|Returns and refunds policy|What is your return policy\?): .*30/);
    assert.match(await ask('Bonjour, j’ai reçu ma commande mais le pull ne me va pas, je peux le renvoyer ?'), /^(Livraison et retours|Returns and refunds policy|What is your return policy\?): .*30/);
  });

  it('asked whether, not how, the policy answers before the steps; steps asked in other words still get them (round 3)', async () => {
    assert.match(await ask('Can I return a shirt that is too big?'), /^What is your return policy\?/);
    assert.match(await ask('Can I send back a coat?'), /^What is your return policy\?/);
    assert.match(await ask('washing instructions for cashmere'), /^How should I wash my sweater\?/);
  });
  it('trousers, skirts and scarves are garments, "a pair of" says nothing: general answers apply to them (round 3)', async () => {
    assert.match(await ask('Can I return trousers that are too short?'), /^What is your return policy\?/);
    assert.match(await ask('Can I return a pair of earrings?'), /^Returns and refunds policy: Underwear, earrings/);
  });
  it('"ship a return" is sending it back, and asked how, the steps FAQ has no rival in the policy (round 3)', async () => {
    for (const q of ['How do I ship a return?', 'how do I mail back a jumper', 'Comment faire un retour ?']) assert.match(await ask(q), /^How do I send an item back\?/, q);
    // Asked whether, the policy still answers (the steps are no rival to it either way).
    assert.match(await ask('Can I make a return?'), /^(What is your return policy\?|Returns and refunds policy|Livraison et retours): .*30/);
  });
  it('what the shopper has done is context: "I sent the parcel back, when do I get my money?" asks for the refund\u2019s delay (round 3)', async () => {
    for (const q of ['I have sent the parcel back, when do I get my money?', 'I returned the dress, when will the money be on my card?']) assert.match(await ask(q), /^When will I get my refund\?/, q);
  });
  it('"taillent grand" asks how sizes run, not for an exchange; a length or duration asks how long (round 3)', async () => {
    assert.match(await ask('Vos jupes taillent petit ?'), /^How do your sizes run\?/);
    assert.match(await ask('warranty duration?'), /^Is there a warranty on your products\?/);
  });
  it('"return shipping" is the return\u2019s; a passage missing a part another FAQ is about gives way to that FAQ when it covers the whole question (round 3)', async () => {
    for (const q of ['Is return shipping free?', 'Is return postage free?']) assert.match(await ask(q), /^How do I send an item back\?: .*prepaid/, q);
    // Still no answer when that FAQ does not cover the whole question.
    assert.equal(await ask('express delivery to Canada?'), '(clarify)');
  });
  it('where a garment comes from is where it is made: "provenance", "come from", "origin" (round 3)', async () => {
    for (const q of ['Quelle est la provenance de vos jeans ?', 'Where do your jeans come from?']) assert.match(await ask(q), /^Where are your clothes made\?/, q);
  });
});
