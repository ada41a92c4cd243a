import { defineMessages } from '../../web/i18n.js';

/** The audit log's words for what the admin does with webhook endpoints. */
export const webhooksAdminMessages = defineMessages(
  {
    'admin.audit.action.webhook.endpoint-created': 'Webhook endpoint added',
    'admin.audit.action.webhook.endpoint-saved': 'Webhook endpoint changed',
    'admin.audit.action.webhook.secret-rotated': 'Webhook signing secret rotated',
    'admin.audit.action.webhook.endpoint-enabled': 'Webhook endpoint enabled again',
    'admin.audit.action.webhook.endpoint-deleted': 'Webhook endpoint deleted',
    'admin.audit.action.webhook.delivery-resent': 'Webhook delivery sent again',
    'admin.audit.action.webhook.test-sent': 'Webhook test event sent',
    'admin.audit.field.webhook.endpoint-created.url': 'URL',
    'admin.audit.field.webhook.delivery-resent.deliveryId': 'Delivery',
  },
  {
    'admin.audit.action.webhook.endpoint-created': 'Webhook-Endpunkt hinzugefügt',
    'admin.audit.action.webhook.endpoint-saved': 'Webhook-Endpunkt geändert',
    'admin.audit.action.webhook.secret-rotated': 'Webhook-Signaturschlüssel erneuert',
    'admin.audit.action.webhook.endpoint-enabled': 'Webhook-Endpunkt wieder eingeschaltet',
    'admin.audit.action.webhook.endpoint-deleted': 'Webhook-Endpunkt gelöscht',
    'admin.audit.action.webhook.delivery-resent': 'Webhook-Zustellung erneut gesendet',
    'admin.audit.action.webhook.test-sent': 'Webhook-Testereignis gesendet',
    'admin.audit.field.webhook.endpoint-created.url': 'URL',
    'admin.audit.field.webhook.delivery-resent.deliveryId': 'Zustellung',
  },
);

// Adds these texts' keys to the app's MessageKey type (the dictionary is filled from the feature list).
declare module '../../web/messages.js' {
  interface FeatureMessages {
    webhooksAdmin: typeof webhooksAdminMessages;
  }
}
