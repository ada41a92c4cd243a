import type { LegalPageKind } from '../../db/schema.js';

/** English starting points; {name}, {address}, {email} and {store} come from the legal notice and the store settings. */
export const TEMPLATES_EN: Record<LegalPageKind, string> = {
  privacy: `## Controller

{name}, {address}, email: {email}

## What data we process

- **Orders:** email address, optionally your name, the products bought, prices and times. Purpose: performing the contract (Art. 6 (1) (b) GDPR).
- **Invoices and tax records:** kept as long as the law requires (8 years for invoices under § 147 AO, 10 years for One-Stop-Shop records), Art. 6 (1) (c) GDPR.
- **Downloads:** the time of each download, to enforce download limits and detect abuse (Art. 6 (1) (b) and (f) GDPR).
- **Emails:** receipts, download links and sign-in links for your library.
- **Payments:** our payment provider processes the payment; we receive only its status, never card details.

## No third parties, no trackers

This website loads no fonts, scripts or images from other servers and uses no trackers, analytics or advertising cookies. Only technically necessary cookies are set (language, form protection, library sign-in). That is why there is no cookie banner (§ 25 (2) TDDDG).

## Your rights

You have the right of access, rectification, erasure, restriction of processing, data portability and objection (Art. 15–21 GDPR). In your library you can download your data as a file at any time and ask for its erasure. You may also complain to a data protection supervisory authority.

## How long we keep data

Account data, sign-ins and email contents are deleted when you ask or when they are no longer needed. Orders and invoices stay locked until their legal retention period ends and are then deleted automatically.
`,
  terms: `## 1 Scope

These terms apply to every contract you conclude through the store “{store}” with {name}, {address} (“we”).

## 2 Conclusion of the contract

Showing products is not a binding offer. By clicking “Buy now — payment required” you make a binding offer. The contract is concluded when we confirm the order by email or provide the content.

## 3 Prices and payment

All prices are final prices. You pay with the payment methods offered at checkout.

## 4 Delivery of digital content

Digital content is provided as a download once the payment is received; you also get the link by email. Your library lets you download your purchases again.

## 5 Rights of use

You receive a simple, non-transferable right to use the content for your own purposes. Passing it on or publishing it is not allowed unless the product says otherwise.

## 6 Right of withdrawal

Consumers have a right of withdrawal as described in the [withdrawal instructions](/withdrawal).

## 7 Warranty

The statutory rules apply, for digital products in particular §§ 327 ff. BGB.
`,
  withdrawal: `## Withdrawal instructions

### Right of withdrawal

You have the right to withdraw from this contract within fourteen days without giving any reason. The withdrawal period is fourteen days from the day the contract was concluded.

To exercise the right of withdrawal, you must inform us ({name}, {address}, email: {email}) of your decision to withdraw from this contract by an unequivocal statement (e.g. a letter sent by post or an email). You may use the attached model withdrawal form, but it is not obligatory. You can also withdraw with the button “[Withdraw from contract](/withdraw)” in the footer of every page.

To meet the withdrawal deadline, it is sufficient for you to send your communication concerning the exercise of the right of withdrawal before the withdrawal period has expired.

### Effects of withdrawal

If you withdraw from this contract, we shall reimburse to you all payments received from you without undue delay and in any event not later than fourteen days from the day on which we are informed about your decision to withdraw from this contract. We will carry out such reimbursement using the same means of payment as you used for the initial transaction, unless you have expressly agreed otherwise; in any event, you will not incur any fees as a result of such reimbursement.

### When the right of withdrawal ends early

For digital content not supplied on a tangible medium, the right of withdrawal ends once we have begun to provide it after you expressly agreed that we begin before the withdrawal period ends, acknowledged that you thereby lose your right of withdrawal, and we have given you a confirmation of the contract (§ 356 (5) BGB).

## Model withdrawal form

(Complete and return this form only if you wish to withdraw from the contract.)

- To {name}, {address}, email: {email}
- I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale of the following goods (*)/for the provision of the following service (*)
- Ordered on (*)/received on (*)
- Name of consumer(s)
- Address of consumer(s)
- Signature of consumer(s) (only if this form is notified on paper)
- Date

(*) Delete as appropriate.
`,
  accessibility: `## Accessibility statement

{name} aims to make the store “{store}” accessible in line with the German Accessibility Strengthening Act (BFSG).

### Compliance status

Pages are rendered on the server and work without JavaScript. They can be used with a keyboard, show a visible focus outline, offer a skip link, labelled form fields and error messages that screen readers announce. Text can be enlarged. Product files (e.g. PDFs) are our own; we keep checking their accessibility.

### Feedback and contact

Found a barrier? Write to us: {email}

### Market surveillance

The market surveillance authority of the federal state where we are based is responsible.
`,
};
