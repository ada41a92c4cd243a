import type { Feature } from '../feature.js';
import { emailMessages } from './messages.js';
import { emailPrivacyPart } from './privacy-part.js';
import { sendEmailHandler } from './send-email.job.js';

export const emailFeature: Feature = {
  name: 'email',
  messages: emailMessages,
  adminRoutes: async () => [(await import('./routes.js')).registerEmailRoutes],
  jobs: [sendEmailHandler],
  adminNav: [{ href: '/admin/emails', label: 'admin.nav.emails', position: 140 }],
  privacy: emailPrivacyPart,
};
