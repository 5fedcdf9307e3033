import { findDuplicateTasks, type Db } from '@vigil/db';

/** Scheduled: opens a review task for each likely duplicate pair nobody has judged yet. */
export async function findDuplicatesJob({ db }: { db: Db }) {
  return { opened: await findDuplicateTasks(db) };
}
