/** Registration numbers: `REG/<type code>/<year>/<6-digit sequence>`, gapless per type and year. */
export function registrationScope(typeCode: string, year: number): string {
  return `REG/${typeCode}/${year}`;
}

export function formatRegistrationNumber(scope: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  return `${scope}/${String(sequence).padStart(6, '0')}`;
}
