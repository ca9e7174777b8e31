import type { TCaseType } from './case-type.schema';
import type { TCertificateLayout } from './certificate-layout.schema';

/**
 * Checks layouts against the permit-type catalog: one layout per type and none extra, shown fields and
 * labelled options that the type defines. Throws listing every problem.
 */
export function assertLayoutsMatchCatalog(layouts: ReadonlyMap<string, TCertificateLayout>, catalog: ReadonlyMap<string, TCaseType>): void {
  const problems: string[] = [];
  for (const id of catalog.keys()) if (!layouts.has(id)) problems.push(`no certificate layout for permit type "${id}"`);
  for (const [id, layout] of layouts) {
    const type = catalog.get(id);
    if (!type) {
      problems.push(`layout "${id}": no such permit type`);
      continue;
    }
    const fieldOf = (fid: string) => type.fields.find((f) => f.id === fid);
    const keyed = [...layout.fieldsShown, ...Object.keys({ ...layout.fieldLabels, ...layout.optionLabels, ...layout.emptyValues })];
    if (layout.validityMonthsField) keyed.push(layout.validityMonthsField);
    for (const fid of new Set(keyed)) if (!fieldOf(fid)) problems.push(`layout "${id}": "${fid}" is not a field of the type`);
    for (const [fid, labels] of Object.entries(layout.optionLabels ?? {})) {
      const options = fieldOf(fid)?.options ?? [];
      for (const option of Object.keys(labels)) if (!options.includes(option)) problems.push(`layout "${id}": "${fid}" has no option "${option}"`);
      for (const option of options) if (!(option in labels)) problems.push(`layout "${id}": option "${fid}.${option}" has no label`);
    }
    const monthsField = layout.validityMonthsField && fieldOf(layout.validityMonthsField);
    if (monthsField && monthsField.type !== 'integer') problems.push(`layout "${id}": validityMonthsField "${monthsField.id}" must be an integer field`);
  }
  if (problems.length) throw new Error(`certificate layouts do not match the catalog:\n${problems.join('\n')}`);
}
