import { defineMessages } from '../../web/i18n.js';

/** The admin's API tokens page, and the audit log's and job list's words for what the API does. */
export const apiAdminMessages = defineMessages(
  {
    'api.admin.nav': 'API tokens',
    'api.admin.title': 'API tokens',
    'api.admin.intro':
      'Tokens let other software read this store and refund orders through the REST API. Give each one only the scopes it needs.',
    'api.admin.reference': 'API reference',
    'api.admin.empty': 'No tokens yet.',
    'api.admin.prefix': 'Token',
    'api.admin.lastUsed': 'Last used',
    'api.admin.expires': 'Expires',
    'api.admin.status': 'Status',
    'api.admin.never': 'never',
    'api.admin.through': 'after {day}',
    'api.admin.revokedAt': 'Revoked {at}',
    'api.admin.revoke': 'Revoke',
    'api.admin.revokeLabel': 'Revoke the token “{name}”',
    'api.admin.new': 'New token',
    'api.admin.create': 'Create token',
    'api.admin.field.name': 'Name',
    'api.admin.field.scopes': 'Scopes',
    'api.admin.field.expires': 'Expires after (optional)',
    'api.admin.field.expiresHint': 'The token works through this day on the store’s clock. Empty: it never expires.',
    'api.admin.error.name': 'Enter a name of up to 100 characters.',
    'api.admin.error.scopes': 'Choose at least one scope.',
    'api.admin.error.expires': 'Enter a day from today on, or leave the field empty.',
    'api.admin.notice.revoked': 'The token is revoked; requests with it are refused.',
    'api.admin.created.title': 'Your new API token',
    'api.admin.created.once': 'Copy the token now: it is shown only this once and cannot be shown again.',
    'api.admin.created.for': 'Token “{name}”:',
    'api.admin.created.token': 'Token',
    'admin.audit.action.api.token-created': 'API token created',
    'admin.audit.action.api.token-revoked': 'API token revoked',
    'admin.audit.field.tokenId': 'API token',
    'jobs.kind.api.prune-idempotency': 'Delete API answers kept for Idempotency-Key past 24 hours',
  },
  {
    'api.admin.nav': 'API-Tokens',
    'api.admin.title': 'API-Tokens',
    'api.admin.intro':
      'Mit Tokens kann andere Software diesen Shop über die REST-API lesen und Bestellungen erstatten. Geben Sie jedem nur die Bereiche, die es braucht.',
    'api.admin.reference': 'API-Referenz',
    'api.admin.empty': 'Noch keine Tokens.',
    'api.admin.prefix': 'Token',
    'api.admin.lastUsed': 'Zuletzt benutzt',
    'api.admin.expires': 'Läuft ab',
    'api.admin.status': 'Status',
    'api.admin.never': 'nie',
    'api.admin.through': 'nach dem {day}',
    'api.admin.revokedAt': 'Widerrufen {at}',
    'api.admin.revoke': 'Widerrufen',
    'api.admin.revokeLabel': 'Das Token „{name}“ widerrufen',
    'api.admin.new': 'Neues Token',
    'api.admin.create': 'Token erstellen',
    'api.admin.field.name': 'Name',
    'api.admin.field.scopes': 'Bereiche',
    'api.admin.field.expires': 'Läuft ab nach (optional)',
    'api.admin.field.expiresHint':
      'Das Token gilt bis einschließlich dieses Tages nach der Uhr des Shops. Leer: Es läuft nie ab.',
    'api.admin.error.name': 'Geben Sie einen Namen mit bis zu 100 Zeichen ein.',
    'api.admin.error.scopes': 'Wählen Sie mindestens einen Bereich.',
    'api.admin.error.expires': 'Geben Sie einen Tag ab heute ein oder lassen Sie das Feld leer.',
    'api.admin.notice.revoked': 'Das Token ist widerrufen; Anfragen damit werden abgelehnt.',
    'api.admin.created.title': 'Ihr neues API-Token',
    'api.admin.created.once': 'Kopieren Sie das Token jetzt: Es wird nur dieses eine Mal angezeigt.',
    'api.admin.created.for': 'Token „{name}“:',
    'api.admin.created.token': 'Token',
    'admin.audit.action.api.token-created': 'API-Token erstellt',
    'admin.audit.action.api.token-revoked': 'API-Token widerrufen',
    'admin.audit.field.tokenId': 'API-Token',
    'jobs.kind.api.prune-idempotency': 'Für Idempotency-Key gespeicherte API-Antworten nach 24 Stunden löschen',
  },
);

declare module '../../web/messages.js' {
  interface FeatureMessages {
    apiAdmin: typeof apiAdminMessages;
  }
}
