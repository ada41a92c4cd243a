import type { Services } from '../../services.js';

/** The demo store's podcast: a show for the paid tier with a public trailer and members' episodes. */
export async function addDemoPodcast(_services: Services, _now: Date): Promise<void> {}
