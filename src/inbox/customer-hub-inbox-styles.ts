/** The inbox element's own layout: the header, the two panes, and how they fold on narrow screens. */
import { css } from 'lit';
import { visuallyHidden } from '../theme/tokens.js';

/** Last in the element's styles: its narrow-screen rules hide and show the views' panes. */
export const inboxStyles = css`
  :host {
    display: block;
    height: 100%;
    min-height: 480px;
    background: var(--_bg);
    position: relative;
  }
  :host([hidden]) {
    display: none;
  }
  .app {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr);
    height: 100%;
  }
  header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px 16px;
    border-bottom: 1px solid var(--_line);
    flex-wrap: wrap;
    position: relative;
  }
  nav {
    display: flex;
    gap: 4px;
  }
  nav button {
    border: 0;
    background: transparent;
    border-radius: 8px;
    padding: 6px 12px;
    font-weight: 600;
    display: inline-flex;
    gap: 6px;
    align-items: center;
  }
  nav button[aria-current='page'] {
    background: var(--_selected);
  }
  [part='badge'] {
    background: var(--_danger);
    color: var(--_bg);
    border-radius: 999px;
    min-width: 20px;
    padding: 0 6px;
    font-size: 12px;
    line-height: 20px;
    text-align: center;
  }
  .grow {
    flex: 1;
  }
  .who {
    color: var(--_muted);
    font-size: 13px;
  }
  .sign-out svg {
    display: none;
  }
  .conn {
    font-size: 12px;
    color: var(--_warn-fg);
    background: var(--_warn-bg);
    border-radius: 6px;
    padding: 2px 8px;
  }
  .menu {
    right: 16px;
    top: 48px;
    z-index: 10;
    padding: 12px;
    display: grid;
    gap: 8px;
  }
  .menu label {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  .panes {
    display: grid;
    grid-template-columns: 340px minmax(0, 1fr);
    min-height: 0;
  }
  .empty {
    display: grid;
    place-items: center;
    color: var(--_muted);
    padding: 24px;
    text-align: center;
  }
  .ticket-pane {
    display: flex;
    flex-direction: column;
    min-height: 0;
    position: relative;
  }
  .ticket-pane > customer-hub-inbox-ticket,
  .ticket-pane > .empty {
    flex: 1;
    min-height: 0;
  }
  .back {
    display: none;
  }
  .back .btn {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .back svg {
    width: 16px;
    height: 16px;
  }
  @media (max-width: 699px) {
    .panes {
      grid-template-columns: minmax(0, 1fr);
    }
    .panes.has-ticket .list {
      display: none;
    }
    .panes:not(.has-ticket) .ticket-pane {
      display: none;
    }
    .back {
      display: flex;
      padding: 6px 8px;
      border-bottom: 1px solid var(--_line);
    }
    .who {
      display: none;
    }
    /* One header line on a phone, in English and French: tighter spacing,
       Sign out as an icon (its name kept for screen readers), and no shortcuts button
       on a touch screen (the ? key still lists them). */
    header {
      padding: 8px;
      gap: 4px;
      flex-wrap: nowrap;
      /* A grid item grows to its content's width otherwise, and the labels never give way. */
      min-width: 0;
    }
    nav,
    nav button,
    nav .label {
      min-width: 0;
    }
    nav button {
      padding: 6px;
    }
    /* A long label ("Boîte de réception") gives way before the header wraps. */
    nav .label {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    [data-trigger='shortcuts'] {
      display: none;
    }
    .sign-out {
      display: inline-grid;
      place-items: center;
      padding: 0;
      width: 32px;
    }
    .sign-out svg {
      display: block;
    }
    .sign-out .label {
      ${visuallyHidden}
    }
  }
  @media (min-width: 700px) and (max-width: 1099px) {
    .panes {
      grid-template-columns: 300px minmax(0, 1fr);
    }
  }
`;
