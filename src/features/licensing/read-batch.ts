import type SQLite from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Pending = {
  text: string;
  params: unknown[];
  resolve: (row: unknown) => void;
  reject: (err: unknown) => void;
};

/**
 * The public licence API's point reads on SQLite, gathered while the event
 * loop handles the requests that arrived together and then run in one read
 * transaction on the connection under Kysely (`Database.sqlite`). Starting
 * and ending a read transaction costs SQLite a file-size check and two file
 * locks, more than the lookup itself; a batch pays them once. Every read
 * still sees what was committed before it was asked (the batch starts after
 * the requests arrived), so nothing is cached.
 *
 * While a transaction of Kysely's is open on that connection (an activation
 * between two statements), reads go through Kysely instead and wait for it,
 * so they never see uncommitted writes.
 */
export class SqliteReadBatch {
  #pending: Pending[] = [];
  #readAll: (batch: Pending[]) => void;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly sqlite: SQLite.Database,
  ) {
    this.#readAll = sqlite.transaction((batch: Pending[]) => {
      for (const p of batch) this.#readOne(p);
    });
  }

  /** The first row of a read-only query (SQL text for SQLite with `?` parameters). */
  read<T>(text: string, params: unknown[]): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      if (this.#pending.push({ text, params, resolve: resolve as (row: unknown) => void, reject }) === 1) {
        setImmediate(() => this.#flush());
      }
    });
  }

  #readOne(p: Pending): void {
    try {
      p.resolve(this.sqlite.prepare(p.text).get(...p.params));
    } catch (err) {
      p.reject(err);
    }
  }

  #flush(): void {
    const batch = this.#pending;
    this.#pending = [];
    if (this.sqlite.inTransaction) {
      for (const p of batch) {
        this.db.executeQuery(CompiledQuery.raw(p.text, p.params)).then(({ rows }) => p.resolve(rows[0]), p.reject);
      }
    } else if (batch.length === 1) {
      this.#readOne(batch[0]!);
    } else {
      try {
        this.#readAll(batch);
      } catch (err) {
        // BEGIN or COMMIT failed: the reads that got no answer yet fail with it (a settled promise ignores this).
        for (const p of batch) p.reject(err);
      }
    }
  }
}
