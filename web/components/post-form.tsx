import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context';

/** A POST form that carries the session's CSRF token; multipart when it uploads files. */
export function PostForm(props: { action: string; class?: string; multipart?: boolean; id?: string; novalidate?: boolean; children: ComponentChildren }) {
  const { csrfToken } = usePage();
  return (
    <form method="post" action={props.action} class={props.class} id={props.id} enctype={props.multipart ? 'multipart/form-data' : undefined} noValidate={props.novalidate}>
      <input type="hidden" name="_csrf" value={csrfToken()} />
      {props.children}
    </form>
  );
}
