import { defineMessages } from '../../web/i18n.js';

/** The API reference page's texts (the API's own answers are English problem+json for programs). */
export const apiMessages = defineMessages(
  {
    'api.docs.title': 'API reference',
    'api.docs.intro':
      'The store’s REST API under /api/v1. Lists answer { data, has_more } pages: pass limit (1–100, default 25) and starting_after (the last id you saw). Amounts are whole minor units (cents) with their currency. Errors are problem+json (RFC 9457).',
    'api.docs.auth':
      'Send a token from the admin’s API tokens page as “Authorization: Bearer <token>”. Each request needs the scope listed with it; every POST needs an Idempotency-Key header. Each token may make 120 requests a minute.',
    'api.docs.document': 'The OpenAPI 3.1 document (JSON)',
    'api.docs.contents': 'Endpoints',
    'api.docs.scopes': 'Scope needed:',
    'api.docs.noScope': 'none',
    'api.docs.parameters': 'Parameters',
    'api.docs.noParameters': 'No parameters.',
    'api.docs.answer.page': 'Answer: a page whose data lists items with these fields',
    'api.docs.answer.object': 'Answer: an object with these fields',
    'api.docs.field': 'Field',
    'api.docs.type': 'Type',
    'api.docs.required': 'Required',
    'api.docs.description': 'Description',
    'api.docs.yes': 'yes',
  },
  {
    'api.docs.title': 'API-Referenz',
    'api.docs.intro':
      'Die REST-API des Shops unter /api/v1. Listen antworten mit Seiten { data, has_more }: Geben Sie limit (1–100, Standard 25) und starting_after (die zuletzt gesehene ID) an. Beträge sind ganze Untereinheiten (Cent) mit ihrer Währung. Fehler sind problem+json (RFC 9457).',
    'api.docs.auth':
      'Senden Sie ein Token von der Seite „API-Tokens“ im Admin als „Authorization: Bearer <Token>“. Jede Anfrage braucht den bei ihr genannten Bereich; jeder POST braucht einen Idempotency-Key-Header. Jedes Token darf 120 Anfragen pro Minute stellen.',
    'api.docs.document': 'Das OpenAPI-3.1-Dokument (JSON)',
    'api.docs.contents': 'Endpunkte',
    'api.docs.scopes': 'Nötiger Bereich:',
    'api.docs.noScope': 'keiner',
    'api.docs.parameters': 'Parameter',
    'api.docs.noParameters': 'Keine Parameter.',
    'api.docs.answer.page': 'Antwort: eine Seite, deren data Einträge mit diesen Feldern enthält',
    'api.docs.answer.object': 'Antwort: ein Objekt mit diesen Feldern',
    'api.docs.field': 'Feld',
    'api.docs.type': 'Typ',
    'api.docs.required': 'Pflicht',
    'api.docs.description': 'Beschreibung',
    'api.docs.yes': 'ja',
  },
);

declare module '../../web/messages.js' {
  interface FeatureMessages {
    api: typeof apiMessages;
  }
}
