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
  tx: Knex,
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

/** The rows of these keys; locked for update, in key order, when `lock`. */
async function existingRows<Row extends SourceKeyedRow>(
  tx: Knex,
  table: string,
  keys: SourceKeyed[],
  lock: boolean,
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
    const found: Row[] = await (isPostgres && lock
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

interface UpsertOptions<T, Row> {
  table: string;
  inputs: T[];
  now: Date;
  newRow: (input: T) => Partial<Row>;
  merge: (row: Row, input: T) => Partial<Row> | undefined;
}

/**
 * Merges inputs into the rows they name, in the caller's transaction: the
 * rows are locked and read, and those `merge` changes are updated (a row
 * retention deleted meanwhile is left alone). Returns the inputs that
 * changed their row.
 */
async function mergeKnown<T extends SourceKeyed, Row extends SourceKeyedRow>(
  tx: Knex.Transaction,
  options: UpsertOptions<T, Row>,
  known: T[],
): Promise<T[]> {
  const { table, now, merge } = options;
  const existing = await existingRows<Row>(tx, table, known, true);
  const changed: T[] = [];
  for (const input of known) {
    const row = existing.get(keyOf(input.source, input.externalId));
    const update = row && merge(row, input);
    if (row && update) {
      changed.push(input);
      await tx(table)
        .where('id', row.id)
        .update({ ...update, updated_at: now });
    }
  }
  return changed;
}

/**
 * A batch write by source key: an input naming a known `source` +
 * `externalId` is merged into that row (`merge` says what changes, or
 * undefined for nothing), any other makes a new row.
 *
 * A batch of at most CHUNK events (a webhook's one, a CI step's few) costs
 * the fewest round trips: its new rows go in one statement, atomic on its
 * own, with no transaction around it (BEGIN and COMMIT would double a new
 * event's cost); the rows it names that exist are then read without a
 * lock, and only when a merge changes one are they locked and updated, in
 * one transaction. A plain redelivery thus costs two reads and no lock.
 * A larger batch is written in one transaction, whole or not at all.
 */
export async function upsertBySourceKey<
  T extends SourceKeyed,
  Row extends SourceKeyedRow,
>(db: Knex, options: UpsertOptions<T, Row>): Promise<UpsertOutcome<T>> {
  const { table, now, newRow, merge } = options;
  const unique = lastPerKey(options.inputs);
  const rows = unique.map(input => ({
    id: randomUUID(),
    ...newRow(input),
    received_at: now,
    updated_at: now,
  }));
  const outcome = (inserted: Set<string>, changed: T[]) => {
    const isNew = (i: T) => inserted.has(keyOf(i.source, i.externalId));
    return {
      stored: inserted.size,
      updated: changed.length,
      written: [...unique.filter(isNew), ...changed],
    };
  };
  const notIn = (inserted: Set<string>) =>
    unique.filter(i => !inserted.has(keyOf(i.source, i.externalId)));

  if (unique.length > CHUNK) {
    return db.transaction(async tx => {
      const inserted = await insertNew(tx, table, rows);
      return outcome(inserted, await mergeKnown(tx, options, notIn(inserted)));
    });
  }
  const inserted = await insertNew(db, table, rows);
  const known = notIn(inserted);
  if (known.length === 0) return outcome(inserted, []);
  // What a redelivery would change, read without a lock: if nothing, the
  // answer is the one a locked read would have given at that moment.
  const current = await existingRows<Row>(db, table, known, false);
  const changes = known.some(input => {
    const row = current.get(keyOf(input.source, input.externalId));
    return row !== undefined && merge(row, input) !== undefined;
  });
  if (!changes) return outcome(inserted, []);
  return outcome(
    inserted,
    await db.transaction(tx => mergeKnown(tx, options, known)),
  );
}
