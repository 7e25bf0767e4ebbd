/**
 * The words shoppers use for the things a shop's texts talk about (issue 18): each
 * concept lists its words and phrases in English and French (refund / money back /
 * remboursement, ship / deliver / post / livraison). A word may belong to two ("money
 * back" is a refund and a return; "refund" alone only a refund, which has its own FAQs
 * apart from returns). A word of a concept matches any
 * other word of it, a little less than the same word does; a phrase stands for its
 * concept as one word. General e-commerce vocabulary, not one shop's.
 */

export const CONCEPTS: Record<string, string[]> = {
  ship: ['ship', 'shipping', 'shipment', 'deliver', 'delivery', 'delivered', 'post', 'postage', 'dispatch', 'send', 'arrive', 'arrival', 'receive', 'livraison', 'livrer', 'livre', 'expedier', 'expedition', 'expedions', 'envoi', 'envoyer', 'envoyez', 'recevoir', 'recois', 'carrier', 'courier', 'transporteur', 'frais de port', 'package', 'parcel', 'colis', 'recu', 'recue', 'recus', 'get here', 'get to me', 'order from', 'buy from', 'commander depuis'],
  duration: ['hour', 'hours', 'heure', 'heures', 'minute', 'minutes', 'date', 'dates', 'au bout de', 'au bout de combien de temps', 'when', 'quand', 'how long', 'how fast', 'how quickly', 'window', 'deadline', 'time limit', 'date limite', 'how many days', 'how much time', 'time', 'delay', 'day', 'days', 'week', 'combien de temps', 'en combien de jours', 'delai', 'jour', 'jours', 'semaine', 'prend', 'soon', 'bientot', 'year', 'years', 'an', 'ans', 'annee', 'annees', 'timeline', 'timeframe', 'time frame', 'how soon', 'length', 'duration', 'duree', 'eta'],
  cost: ['cost', 'price', 'fee', 'charge', 'how much', 'combien coute', 'cout', 'coute', 'tarif', 'prix', 'frais', 'frais de port', 'payant', 'postage', 'amount', 'minimum', 'montant'],
  free: ['have to pay for', 'need to pay for', 'dois je payer', 'faut il payer', 'free', 'prepaid', 'prepaye', 'no charge', 'gratuit', 'gratuite', 'gratuits', 'offert', 'offerte', 'who pays', 'qui paie', 'qui paye'],
  express: ['express', 'next day', 'faster', 'fast', 'quick', 'tomorrow', 'urgent', 'rapide', 'demain', '24h', '24 hours', '24 heures', '48h', 'overnight', 'same day', 'en 24h', 'le lendemain'],
  customs: ['customs', 'duty', 'duties', 'import', 'douane', 'droits de douane', 'tax', 'taxes', 'import tax', 'vat', 'tva', 'taxe', 'taxes d import', 'pay customs', 'pay import', 'pay duties', 'pay duty', 'pay tax', 'pay taxes', 'payer la douane', 'payer des taxes'],
  return: ['reprendre', 'reprenez', 'repris', 'reprise', 'reprend', 'return', 'money back', 'send back', 'sent back', 'send it back', 'send them back', 'send an item back', 'send items back', 'bring back', 'ship a return', 'ship my return', 'ship the return', 'post a return', 'post my return', 'mail a return', 'mail my return', 'send a return', 'send my return', 'make a return', 'start a return', 'return shipping', 'return postage', 'return delivery', 'returns shipping', 'frais de retour', 'livraison retour', 'faire un retour', 'envoyer un retour', 'expedier un retour', 'retour', 'retourner', 'renvoyer', 'renvoi', 'rendre'],
  refund: ['cash back', 'money returned', 'refund', 'money back', 'money', 'remboursé', 'argent', 'reimburse', 'reimbursement', 'refundable', 'rembourser', 'remboursement', 'rembourse', 'remboursable', 'remboursables'],
  exchange: ['exchange', 'swap', 'echanger', 'echange', 'wrong size', 'mauvaise taille', 'wrong colour', 'wrong color', 'mauvaise couleur', 'bigger one', 'smaller one', 'larger one', 'a bigger size', 'a smaller size', 'a larger size', 'a size up', 'a size down', 'in a bigger size', 'in a smaller size', 'une taille au dessus', 'une taille en dessous', 'la taille au dessus', 'la taille en dessous', 'une taille plus grande', 'une taille plus petite', 'la taille plus grande', 'la taille plus petite'],
  size: ['a size up', 'a size down', 'une taille plus grande', 'une taille plus petite', 'la taille plus grande', 'la taille plus petite', 'a bigger size', 'a smaller size', 'a larger size', 'size', 'sizing', 'fit', 'taille', 'tailler', 'taillent', 'pointure', 'size up', 'half a size', 'taillent grand', 'taillent petit', 'taille grand', 'taille petit', 'chaussent grand', 'chaussent petit', 'bigger', 'smaller', 'larger', 'another size', 'other size', 'different size', 'autre taille', 'au dessus', 'en dessous', 'plus grand', 'plus grande', 'plus petit', 'plus petite', 'size down', 'size up or down', 'size up'],
  // How a shop's sizes run ("run small", "taillent grand"): the sizing FAQ's subject, not an exchange's.
  sizerun: ['true to size', 'fit true', 'fits true', 'taille normalement', 'taillent normalement', 'run', 'runs', 'taillent grand', 'taillent petit', 'taille grand', 'taille petit', 'chaussent grand', 'chaussent petit'],
  // How a garment fits: context more than subject (weak, see retrieval.ts).
  fit: ['small', 'big', 'large', 'tight', 'loose', 'long', 'short', 'too small', 'too big', 'too long', 'too short', 'too tight', 'taillent grand', 'taillent petit', 'taille grand', 'taille petit', 'chaussent grand', 'chaussent petit', 'does not fit', 'doesn t fit', 'ne me va pas', 'petit', 'petite', 'grand', 'grande', 'serre', 'court', 'courte', 'trop petit', 'trop petite', 'trop grand', 'trop grande', 'trop long', 'trop court'],
  // A credit note ("store credit") is no store; a wrong item received is no address to change.
  credit: ['store credit', 'credit note', 'avoir', 'bon d achat'],
  wrongitem: ['wrong item', 'wrong items', 'wrong product', 'wrong article', 'wrong order', 'wrong parcel', 'wrong package', 'mauvais article', 'mauvais produit', 'mauvaise commande', 'mauvais colis', 'pas le bon article', 'pas le bon produit'],
  // Part of an order ("just one item of my order", "un seul article"): what no whole-order answer says.
  // Changing the order itself (items, colour, size): not its address.
  changeorder: ['change my order', 'change the order', 'modify my order', 'edit my order', 'update my order', 'add to my order', 'add an item to my order', 'changer ma commande', 'modifier ma commande', 'ajouter a ma commande', 'ajouter un article a ma commande'],
  partial: ['just one item', 'only one item', 'one item of', 'one of the items', 'part of my order', 'some of the items', 'un seul article', 'un article de ma commande', 'une partie de ma commande', 'une partie de la commande'],
  item: ['item', 'article', 'product', 'produit', 'piece', 'thing', 'something', 'quelque chose'],
  label: ['label', 'etiquette', 'slip', 'bordereau'],
  pay: ['pay', 'payment', 'paying', 'payer', 'paiement', 'regler', 'moyen de paiement', 'moyens de paiement', 'payment method', 'payment methods', 'payment options', 'ways to pay', 'means of payment'],
  // Means of payment by name: which ones the shop takes, not how to pay.
  cards: ['amex', 'visa', 'mastercard', 'paypal', 'apple pay', 'american express', 'google pay', 'carte bancaire', 'credit card', 'debit card', 'carte de credit', 'maestro', 'payment method', 'payment methods', 'payment options', 'ways to pay', 'means of payment', 'moyen de paiement', 'moyens de paiement'],
  installments: ['installment', 'installments', 'instalment', 'instalments', 'split the payment', 'pay later', 'en plusieurs fois', 'en 3 fois', 'en trois fois', '3 fois', 'echelonner', 'mensualites', 'buy now pay later', 'klarna', 'afterpay', 'alma', 'scalapay'],
  accept: ['accept', 'acceptez', 'accepter', 'prenez'],
  cancel: ['cancel', 'cancellation', 'annuler', 'annulation'],
  address: ['address', 'adress', 'adresse'],
  change: ['change', 'wrong', 'modify', 'update', 'edit', 'modifier', 'changer', 'trompe'],
  giftcard: ['gift card', 'giftcard', 'gift cards', 'gift voucher', 'carte cadeau', 'cartes cadeaux', 'bon cadeau', 'cheque cadeau'],
  expire: ['expiry date', 'expiration date', 'date d expiration', 'date de validite', 'date limite de validite', 'use by', 'expire', 'expiry', 'expiration', 'expirent', 'valid', 'validity', 'valable', 'validite'],
  discount: ['two discount codes', 'deux codes promo', 'discount', 'discount code', 'promo', 'promo code', 'coupon', 'voucher', 'code promo', 'reduction', 'remise'],
  broken: ['work', 'working', 'marche', 'fonctionne', 'not working', "doesn't work", "isn't working", 'does not work', 'ne marche pas', 'marche pas', 'fonctionne pas', 'invalid', 'refused', 'refuse', 'not accepted', 'pas accepte', 'n est pas accepte'],
  combine: ['combine', 'combined', 'two codes', 'two discount codes', 'cumuler', 'cumulable', 'deux codes'],
  store: ['store', 'stores', 'shop', 'boutique', 'magasin', 'physical store', 'brick and mortar'],
  hours: ['what time', 'opening hours', 'open', 'opening', 'close', 'closing', 'horaires', 'ouvert', 'ouverture', 'ferme', 'fermeture', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'quelle heure', 'a quelle heure', 'heures d ouverture'],
  wash: ['wash', 'washing', 'clean', 'laver', 'lavage', 'lave', 'washing machine', 'en machine', 'machine'],
  dry: ['dry', 'dryer', 'tumble dry', 'seche linge', 'secher', 'sechage'],
  cotton: ['cotton', 'coton'],
  wool: ['wool', 'laine'],
  cashmere: ['cashmere', 'cachemire'],
  made: ['made', 'made in', 'manufacture', 'manufactured', 'produced', 'fabrique', 'fabriques', 'fabriquer', 'fabrication', 'faits en', 'fait en', 'come from', 'comes from', 'sourced', 'origin', 'origine', 'provenance', 'viennent d ou', 'vient d ou', 'provient', 'proviennent'],
  restock: ['restock', 'available again', 'revient', 'reviendra', 'revenir', 'be back', 'restocked', 'back in stock', 'come back', 'sold out', 'reassort', 'reassorti', 'reassortiment', 'epuise', 'rupture de stock', 'de retour en stock', 'stock', 'in stock', 'out of stock', 'en stock', 'plus en stock', 'de nouveau en stock', 'de nouveau disponible'],
  forgot: ['forgot', 'forget', 'forgotten', 'oublie', 'oublier'],
  policy: ['policy', 'politique', 'conditions', 'rules', 'regles'],
  password: ['reset', 'reinitialiser', 'reinitialisation', 'change my password', 'change password', 'change the password', 'new password', 'changer mon mot de passe', 'changer le mot de passe', 'nouveau mot de passe', 'password', 'mot de passe', 'sign in', 'log in', 'login', 'connexion', 'connecter', 'me connecter', 'se connecter', 'log into', 'sign into'],
  unsubscribe: ['stop emails', 'stop the emails', 'stop your emails', 'stop the newsletter', 'stop e mails', 'unsubscribe', 'stop getting', 'opt out', 'desinscrire', 'desabonner', 'desinscription', 'stop receiving', 'stop sending', 'no longer receive', 'ne plus recevoir', 'plus recevoir', 'veux plus recevoir', 'keep getting', 'keep receiving', 'too many emails', 'trop d e mails', 'trop de mails'],
  // An e-mail address (the shopper's account's, the shop's contact) is neither a delivery address nor the newsletter.
  emailaddress: ['email address', 'e-mail address', 'mail address', 'adresse e-mail', 'adresse email', 'adresse mail', 'adresse electronique', 'courriel'],
  newsletter: ['newsletter', 'mailing list', 'emails', 'e-mails'],
  warranty: ['couvre', 'couvert', 'couverte', 'couverts', 'couvertes', 'came off', 'come off', 'comes off', 'fell off', 'falling apart', 'coming apart', 'peeling', 's est decolle', 'decollee', 'decolle', 'warranty', 'guarantee', 'guaranteed', 'garantie', 'garanti', 'garantis', 'covered', 'defect', 'defective', 'broke', 'broken', 'casse', 'defaut', 'zip', 'zipper', 'seam', 'ripped', 'torn', 'came apart', 'fell apart', 'hole', 'dechire', 'decousu', 'trou', 'fermeture eclair', 'strap', 'sole', 'heel', 'button', 'buttons', 'bouton', 'boutons', 'lanière', 'semelle'],
  organic: ['organic', 'bio', 'biologique'],
  founded: ['founded', 'established', 'fonde', 'fondee', 'creee', 'history', 'histoire'],
  packaging: ['packaging', 'emballage', 'emballages'],
  plastic: ['plastic', 'plastic-free', 'plastique'],
  wear: ['wear', 'worn', 'wore', 'unworn', 'porte', 'porter', 'portes', 'non porte', 'never worn', 'never wore', 'jamais porte', 'jamais portee'],
  sale: ['sale', 'clearance', 'outlet', 'sales', 'the sale', 'discounted', 'soldes', 'solde', 'soldee', 'soldes'],
  clothes: ['clothes', 'clothing', 'garments', 'vetements', 'vetement'],
  // Where things are done, in every shop's texts (weak, see retrieval.ts).
  account: ['account', 'my account', 'compte', 'mon compte', 'profile', 'profil'],
  order: ['order', 'orders', 'commande', 'commander', 'commandes', 'achat'],
};
