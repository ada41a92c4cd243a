import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { recordAudit } from '../admin/audit.js';
import { removeInstance } from './instances.js';

export type RemoveLicenseInstanceOptions = { id: string; instanceId: string; actor: string };

/** The admin deactivates one instance of a key for its owner; false when it is not (or no longer) there. */
export async function removeLicenseInstance(
  db: Kysely<DB>,
  { id, instanceId, actor }: RemoveLicenseInstanceOptions,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await removeInstance(trx, id, instanceId))) return false;
    await recordAudit(trx, actor, 'license.instance_removed', { licenseKeyId: id, instanceId });
    return true;
  });
}
