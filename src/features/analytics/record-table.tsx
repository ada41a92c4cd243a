import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../web/context.js';

/** The newest records in view; older ones behind a <details>, so the page stays short. */
const SHOWN = 10;

/** A list of the creator's records with column heads; each row ends with its delete button. */
export function RecordTable<T>({
  ctx,
  head,
  rows,
  cells,
}: {
  ctx: PageContext;
  head: string[];
  rows: T[];
  cells: (row: T) => ComponentChildren[];
}) {
  if (rows.length === 0) return null;
  const table = (list: T[]) => (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col">{h}</th>
            ))}
            <th scope="col" aria-label={ctx.t('analytics.effort.delete')} />
          </tr>
        </thead>
        <tbody>
          {list.map((row) => (
            <tr>
              {cells(row).map((c) => (
                <td>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <>
      {table(rows.slice(0, SHOWN))}
      {rows.length > SHOWN && (
        <details>
          <summary>{ctx.t('analytics.effort.older', { count: rows.length - SHOWN })}</summary>
          {table(rows.slice(SHOWN))}
        </details>
      )}
    </>
  );
}
