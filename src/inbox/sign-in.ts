/** The sign-in form: without a token, the inbox asks for an agent key (DESIGN §3, the inbox). */
import { css, html, nothing } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { InboxClient } from './inbox-client.js';

export const signInStyles = css`
  .signin {
    display: grid;
    place-items: center;
    height: 100%;
    padding: 24px;
  }
  .signin form {
    width: min(360px, 100%);
    display: grid;
    gap: 12px;
    background: var(--_raised);
    border: 1px solid var(--_line);
    border-radius: 14px;
    padding: 24px;
  }
  .signin h1 {
    font-size: 20px;
    margin: 0;
  }
  .signin label {
    display: grid;
    gap: 4px;
  }
  .error {
    color: var(--_danger);
    margin: 0;
  }
`;

/** The form, disabled while signing in, with the server's refusal above it. */
export function signIn(inbox: InboxClient, t: InboxTranslation) {
  const error = inbox.$authError.get();
  const busy = inbox.$auth.get() === 'signing-in';
  return html`<div class="signin">
    <form @submit=${(e: Event) => onSubmit(inbox, e)}>
      <h1>${t.signInTitle}</h1>
      ${error ? html`<p class="error" role="alert">${error.message}</p>` : nothing}
      <label>${t.agentKey}<input name="agentKey" type="password" autocomplete="current-password" required ?disabled=${busy} /></label>
      <button class="btn primary" type="submit" ?disabled=${busy}>${busy ? t.signingIn : t.signIn}</button>
    </form>
  </div>`;
}

/** The key is cleared once accepted, kept for correction when refused. */
function onSubmit(inbox: InboxClient, e: Event): void {
  e.preventDefault();
  const input = (e.target as HTMLFormElement).elements.namedItem('agentKey') as HTMLInputElement;
  void inbox.signIn(input.value).then((ok) => ok && (input.value = ''));
}
