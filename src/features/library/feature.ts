import type { Feature } from '../feature.js';
import { registerLibraryRoutes } from './routes.js';

export const libraryFeature: Feature = {
  name: 'library',
  routes: registerLibraryRoutes,
};
