/** The party roles a contract or addendum carries in its fields (`ppkRole`, `vendorRole`), as case_parties rows. */
export type TCaseParty = 'ppk' | 'vendor';

const PARTY_FIELDS: ReadonlyArray<[TCaseParty, string]> = [
  ['ppk', 'ppkRole'],
  ['vendor', 'vendorRole'],
];

export function partiesOf(fields: Record<string, unknown>): Array<{ party: TCaseParty; role: string }> {
  return PARTY_FIELDS.flatMap(([party, key]) => {
    const role = fields[key];
    return typeof role === 'string' && role !== '' ? [{ party, role }] : [];
  });
}
