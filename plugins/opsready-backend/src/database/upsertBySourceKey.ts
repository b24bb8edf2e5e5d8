import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { CHUNK, chunks } from './dbValues';
import { UpsertOutcome } from './types';

/** What names a row across deliveries: the source and its own id for it. */
export interface SourceKeyed {
  source: string;
  externalId: string;
}

/** The columns every row written by source key has. */
export interface SourceKeyedRow {
  id: string;
  source: string;
  external_id: string;
}

const keyOf = (source: string, externalId: string) =>
  `${source}\n${externalId}`;

/**
 * The input a batch keeps for each source + externalId: the last one, in
 * the order of their keys. Every write takes its row locks in that one
 * order, so two concurrent batches that share events wait for each other
 * instead of deadlocking: in the order they came, batch A could hold the
 * new row of x and wait for y while batch B holds y and waits for x
 * (PostgreSQL then fails one of them, a 500 for a batch of redeliveries).
 */
function lastPerKey<T extends SourceKeyed>(inputs: T[]): T[] {
  const byKey = new Map<string, T>();
  for (const input of inputs) {
    byKey.set(keyOf(input.source, input.externalId), input);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => Number(a > b) - Number(a < b))
    .map(([, input]) => input);
}

/**
 * Inserts what is new and skips what exists in one statement per chunk
 * (ON CONFLICT DO NOTHING), so concurrent deliveries of the same event
 * never fail on the unique key; returns the keys it inserted.
 */
async function insertNew(
  tx: Knex.Transaction,
  table: string,
  rows: Array<Record<string, unknown>>,
): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const batch of chunks(rows, CHUNK)) {
    const returned: Array<{ source: string; external_id: string }> = await tx(
      table,
    )
      .insert(batch)
      .onConflict(['source', 'external_id'])
      .ignore()
      .returning(['source', 'external_id']);
    for (const row of returned) {
      inserted.add(keyOf(row.source, row.external_id));
    }
  }
  return inserted;
}

async function existingRows<Row extends SourceKeyedRow>(
  tx: Knex.Transaction,
  table: string,
  keys: SourceKeyed[],
): Promise<Map<string, Row>> {
  const isPostgres = tx.client.config.client === 'pg';
  const rows = new Map<string, Row>();
  for (const batch of chunks(keys, CHUNK)) {
    const query = tx(table).whereIn(
      ['source', 'external_id'],
      batch.map(k => [k.source, k.externalId]),
    );
    // Concurrent deliveries of one event merge one after the other
    // (SQLite writes one transaction at a time anyway), locking the rows
    // in the order the inserts take: byte order, whatever the database's
    // collation, is the order lastPerKey sorts in.
    const found: Row[] = await (isPostgres
      ? query
          .orderByRaw('source collate "C", external_id collate "C"')
          .forUpdate()
      : query);
    for (const row of found) {
      rows.set(keyOf(row.source, row.external_id), row);
    }
  }
  return rows;
}

/**
 * One batch write by source key, in one transaction: an input naming a
 * known `source` + `externalId` is merged into that row (`merge` says what
 * changes, or undefined for nothing), any other makes a new row.
 */
export async function upsertBySourceKey<
  T extends SourceKeyed,
  Row extends SourceKeyedRow,
>(
  db: Knex,
  options: {
    table: string;
    inputs: T[];
    now: Date;
    newRow: (input: T) => Partial<Row>;
    merge: (row: Row, input: T) => Partial<Row> | undefined;
  },
): Promise<UpsertOutcome<T>> {
  const { table, now, newRow, merge } = options;
  const unique = lastPerKey(options.inputs);
  return db.transaction(async tx => {
    const inserted = await insertNew(
      tx,
      table,
      unique.map(input => ({
        id: randomUUID(),
        ...newRow(input),
        received_at: now,
        updated_at: now,
      })),
    );
    const isNew = (i: T) => inserted.has(keyOf(i.source, i.externalId));
    const rest = unique.filter(i => !isNew(i));
    const existing = await existingRows<Row>(tx, table, rest);
    const written = unique.filter(isNew);
    for (const input of rest) {
      const row = existing.get(keyOf(input.source, input.externalId))!;
      const update = merge(row, input);
      if (update) {
        written.push(input);
        await tx(table)
          .where('id', row.id)
          .update({ ...update, updated_at: now });
      }
    }
    return {
      stored: inserted.size,
      updated: written.length - inserted.size,
      written,
    };
  });
}
