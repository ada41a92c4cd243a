import type { PrivacyPart } from '../privacy/privacy-part.js';
import { eraseMemberData, exportMemberData } from './member-data.js';

export const membershipsPrivacyPart: PrivacyPart = {
  export: (db, { address }) => exportMemberData(db, address),
  erase: async (trx, address, now) => ({ members: await eraseMemberData(trx, address, now) }),
};
