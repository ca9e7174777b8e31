import type { TSigner } from '../shared/case.lifecycle';

/** The parties of a contract, as roles: the PPK's unit and the vendor's NPWP. */
export interface TContractParties {
  ppkRole: string;
  vendorRole: string;
}

/** Both parties' signatures in the contract type's order (vendor, then PPK, when none is given). */
export function contractSigners(parties: TContractParties, order: Array<'vendor' | 'ppk'> = ['vendor', 'ppk']): TSigner[] {
  const roles = { vendor: parties.vendorRole, ppk: parties.ppkRole };
  return order.map((step) => ({ step, role: roles[step] }));
}
