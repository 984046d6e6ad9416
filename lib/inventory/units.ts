import pluralize from "pluralize";

/**
 * "1 box", "2 boxes", "0 vials": units are stored as the plural a clinic types ("boxes",
 * "vials", "each"), so a count of one takes the singular. Safe in client components.
 */
export function formatQuantity(quantity: number, unit: string): string {
  return `${quantity} ${unitFor(quantity, unit)}`;
}

export function unitFor(quantity: number, unit: string): string {
  // Only ever singularised: pluralising what a clinic typed turns "each" into "eaches".
  return Math.abs(quantity) === 1 ? pluralize.singular(unit) : unit;
}
