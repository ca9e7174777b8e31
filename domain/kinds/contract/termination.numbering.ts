/** A termination notice's number is its contract's with "/PUTUS": one notice per contract, reserved once. */
export const terminationNumberSeries = (contractNumber: string): string => `TERMINATION/${contractNumber}`;
export const formatTerminationNumber = (contractNumber: string): string => `${contractNumber}/PUTUS`;
