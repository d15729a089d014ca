/** Arbitrary constant: the advisory lock that serialises writers of the change feed on PostgreSQL. */
export const CHANGE_FEED_LOCK = 0x626f6b6a; // "bokj"
