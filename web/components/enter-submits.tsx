/**
 * A form's first submit button is the one Enter in a text field presses. Forms that also hold "add a row" or
 * "remove this upload" buttons put this hidden copy of their main action first, so Enter never adds or removes.
 */
export function EnterSubmits(props: { value: string; label: string }) {
  return (
    <button type="submit" name="aksi" value={props.value} class="visually-hidden" tabindex={-1} aria-hidden="true">
      {props.label}
    </button>
  );
}
