/** The look of `<customer-hub-inbox-settings>`: the settings form and its fieldsets. */
import { css } from 'lit';

export const settingsStyles = css`
  :host {
    display: block;
    overflow-y: auto;
    height: 100%;
    /* The scroller holds its visually hidden texts (position: absolute): else they sit
       on the inbox's box far below it and the whole page scrolls into blank. */
    position: relative;
    background: var(--_bg);
  }
  /* The side navigation beside the section shown (issue 17); one column on a phone. */
  .layout {
    display: grid;
    grid-template-columns: 200px minmax(0, 860px);
    justify-content: center;
    gap: 24px;
    padding: 20px 24px 96px;
  }
  .side {
    position: sticky;
    top: 0;
    align-self: start;
  }
  nav.sections ul {
    list-style: none;
    padding: 0;
    margin: 12px 0 0;
    display: grid;
    gap: 2px;
  }
  nav.sections a {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 7px 10px;
    border-radius: 8px;
    color: inherit;
    text-decoration: none;
  }
  nav.sections a:hover {
    background: var(--_selected);
  }
  nav.sections a[aria-current='page'] {
    background: var(--_selected);
    font-weight: 700;
  }
  nav.sections .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_accent);
  }
  .section-select {
    display: none;
  }
  form {
    min-width: 0;
  }
  h3 {
    font-size: 18px;
    margin: 0;
  }
  h3:focus {
    outline: none;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    outline: 1px solid var(--_danger);
  }
  @media (max-width: 700px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
      gap: 12px;
      padding: 12px 12px 96px;
    }
    .side {
      position: static;
    }
    nav.sections ul {
      display: none;
    }
    .section-select {
      display: block;
      margin-top: 8px;
    }
    .section-select select {
      width: 100%;
      min-height: 44px;
      font-size: 16px;
    }
  }
  h2 {
    font-size: 20px;
    margin: 0 0 4px;
  }
  fieldset {
    border: 1px solid var(--_line);
    border-radius: 12px;
    padding: 12px 16px 16px;
    margin: 16px 0 0;
    display: grid;
    gap: 10px;
  }
  fieldset:disabled {
    opacity: 0.85;
  }
  legend {
    font-weight: 700;
    padding: 0 6px;
  }
  label.field {
    display: grid;
    gap: 4px;
  }
  label.check {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  textarea {
    min-height: 64px;
    resize: vertical;
  }
  .row {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 8px;
    border: 1px solid var(--_line);
    border-radius: 10px;
    padding: 10px;
  }
  .row .fields {
    display: grid;
    gap: 6px;
  }
  .row .buttons {
    display: grid;
    gap: 4px;
    align-content: start;
  }
  .day {
    display: grid;
    grid-template-columns: 110px auto 1fr;
    gap: 8px;
    align-items: center;
  }
  .ranges {
    display: grid;
    gap: 6px;
    justify-items: start;
  }
  .range {
    display: grid;
    /* The remove button's column is kept when it is absent, so one and two ranges line up. */
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) 32px;
    gap: 8px;
    align-items: end;
    width: 100%;
  }
  .range .remove {
    padding: 0;
    width: 32px;
  }
  [data-add-range] {
    font-size: 13px;
    min-height: 28px;
    padding: 2px 10px;
  }
  .bar {
    position: sticky;
    bottom: 0;
    display: flex;
    gap: 12px;
    align-items: center;
    padding: 12px 0;
    background: var(--_bg);
    border-top: 1px solid var(--_line);
    margin-top: 16px;
  }
  .error {
    color: var(--_danger);
  }
  .padded {
    padding: 24px;
  }
  .ok {
    color: var(--_fg);
  }
  @media (max-width: 640px) {
    .day {
      grid-template-columns: 1fr 1fr;
    }
    .ranges {
      grid-column: 1 / -1;
    }
  }
`;
