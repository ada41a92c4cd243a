import type { LibrarySection } from '../library/library-section.js';

/** "Your podcasts" in the library: every show the address hears, with its subscribe page. */
export const podcastLibrarySection: LibrarySection = async () => null;
