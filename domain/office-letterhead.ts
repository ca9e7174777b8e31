import type { TOffice } from './certificate-layout.schema';

export interface TLetterhead {
  nameLines: string[];
  addressLines: string[];
}

const key = (name: string) => name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The office's own letterhead (the one certificates carry). */
export function officeLetterhead(office: TOffice): TLetterhead {
  return { nameLines: office.nameLines, addressLines: office.addressLines };
}

/**
 * The letterhead of the unit a PPK acts for, from the office data. A unit not in the data gets the
 * government's line and its own name, and no address rather than another unit's.
 */
export function unitLetterhead(office: TOffice, unitName: string): TLetterhead {
  const unit = office.units.find((u) => u.names.some((n) => key(n) === key(unitName)));
  if (unit) return { nameLines: unit.nameLines, addressLines: unit.addressLines };
  return { nameLines: [office.nameLines[0]!, unitName.toLocaleUpperCase('id-ID')], addressLines: [] };
}
