import type { Feature } from '../feature.js';
import { libraryEmailTemplates } from './email-templates.js';
import { libraryMessages } from './messages.js';
import { registerLibraryRoutes } from './routes.js';

export const libraryFeature: Feature = {
  name: 'library',
  messages: libraryMessages,
  emailTemplates: libraryEmailTemplates,
  routes: registerLibraryRoutes,
};
