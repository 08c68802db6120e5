/**
 * Inventory mathematics, pure: columns (typed arrays) in, columns out; no I/O and no clock (the
 * as-of day is always passed in). Unit conversion (`uom`), calendar periods (`periods`), health
 * per item (`health`: safety stock, reorder point, cover, stockout, excess, order quantity,
 * status, projection) and ABC/XYZ classes (`classes`). Each module documents its semantics.
 */
export * from './amounts';
export * from './classes';
export * from './health';
export * from './normal';
export * from './periods';
export * from './uom';
export * from './policy';
