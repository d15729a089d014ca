/** Arbitrary constant: the advisory lock that serialises writers of the change feed on PostgreSQL. */
export const CHANGE_FEED_LOCK = 0x626f6b6a; // "bokj"

/**
 * The writers' advisory lock on PostgreSQL: taken exclusively by a write that relies on running
 * alone (read, then rewrite without row locks), shared by the row-locking hot paths.
 */
export const WRITERS_LOCK = 0x626f6b77; // "bokw"
