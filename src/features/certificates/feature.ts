import type { Feature } from '../feature.js';
import { courseCompletedHandler } from './course-completed.job.js';
import { certificatesEmailTemplates } from './email-templates.js';
import { certificatesMessages } from './messages.js';
import { certificatesOrderSubscriber } from './order-subscriber.js';
import { certificatesPrivacyPart } from './privacy-part.js';
import { registerCertificateRoutes } from './routes.js';

export const certificatesFeature: Feature = {
  name: 'certificates',
  messages: certificatesMessages,
  emailTemplates: certificatesEmailTemplates,
  routes: registerCertificateRoutes,
  jobs: [courseCompletedHandler],
  orders: certificatesOrderSubscriber,
  privacy: certificatesPrivacyPart,
};
