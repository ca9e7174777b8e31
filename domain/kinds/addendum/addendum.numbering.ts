/** An addendum's number is its contract's with its sequence: unique per contract, never reused. */
export const addendumNumberSeries = (contractNumber: string): string => `ADDENDUM/${contractNumber}`;
export const formatAddendumNumber = (contractNumber: string, sequence: number): string => `${contractNumber}/ADD-${sequence}`;
