/** The counter scope of permit numbers: gapless per type and year, apart from registration numbers. */
export function permitNumberScope(typeCode: string, year: number): string {
  return `PERMIT/${typeCode}/${year}`;
}
