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
  form {
    max-width: 860px;
    margin: 0 auto;
    padding: 20px 24px 96px;
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
