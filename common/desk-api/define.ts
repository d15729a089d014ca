import { z } from 'zod';

/** A DeskApi method: one argument (an object, or void) and a result, both validated. */
export interface MethodSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly arg: A;
  readonly result: R;
}
export const method = <A extends z.ZodType, R extends z.ZodType>(arg: A, result: R): MethodSpec<A, R> => ({ arg, result });

/** No argument. */
export const NoArg = z.undefined();

export type NamespaceSpec = Record<string, MethodSpec>;
export type EventSpec = Record<string, z.ZodType>;
