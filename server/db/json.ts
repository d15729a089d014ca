/** Rows keep the full domain record as JSON text; the server is its only writer. */
export const fromJson = <T>(text: string): T => JSON.parse(text) as T;
export const toJson = (value: unknown): string => JSON.stringify(value);

/** PostgreSQL hands bigint/count columns back as strings. */
export const num = (v: number | string | bigint | null | undefined): number => (v == null ? 0 : Number(v));
