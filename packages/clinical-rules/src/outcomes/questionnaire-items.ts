import { z } from 'zod';
import { parseInput } from '../findings/rules-input';

/** Every PHQ-9 and GAD-7 item is answered 0 (not at all) to 3 (nearly every day). */
const itemSchema = z.number().int().min(0).max(3);

/**
 * The answers, exactly `count` of them. Wrapped as `{ items }` so an error names `items.3`, not `3`;
 * a missing answer is an error, never a 0.
 */
export function parseItems(items: readonly number[], count: number): number[] {
  return parseInput(z.strictObject({ items: z.array(itemSchema).length(count) }), { items }).items;
}
