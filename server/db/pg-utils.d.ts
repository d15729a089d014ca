/** node-postgres's own conversion of a parameter to its text form (lib/utils.js; @types/pg leaves it out). */
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): string | Buffer | null };
  export default utils;
}
