/** The settings' side navigation (issue 17): a list of links on a wide screen, a select on a phone. */
import { html } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import { SETTINGS_SECTIONS, type SectionId } from './settings-sections.js';

/** The side navigation; CSS shows the list or the select. */
export function sectionNav(current: SectionId, dirty: ReadonlySet<SectionId>, t: InboxTranslation, go: (id: SectionId) => boolean) {
  const label = (id: SectionId) => t.settingsSections[id];
  return html`<nav class="sections" aria-label=${t.settingsSectionsLabel}>
    <ul>
      ${SETTINGS_SECTIONS.map(
        ({ id }) => html`<li>
          <a
            href=${`#settings-${id}`}
            data-section-link=${id}
            aria-current=${id === current ? 'page' : 'false'}
            @click=${(e: Event) => (e.preventDefault(), go(id))}
            >${label(id)}${dirty.has(id) ? html`<span class="dot" aria-hidden="true"></span><span class="sr-only"> (${t.unsaved})</span>` : ''}</a
          >
        </li>`,
      )}
    </ul>
    <label class="section-select"
      ><span class="sr-only">${t.settingsSectionsLabel}</span>
      <select
        .value=${current}
        @change=${(e: Event) => {
          const select = e.target as HTMLSelectElement;
          // Kept where it was when the agent chose to stay on unsaved edits.
          if (!go(select.value as SectionId)) select.value = current;
        }}
      >
        ${SETTINGS_SECTIONS.map(({ id }) => html`<option value=${id} ?selected=${id === current}>${label(id)}${dirty.has(id) ? ' •' : ''}</option>`)}
      </select>
    </label>
  </nav>`;
}
