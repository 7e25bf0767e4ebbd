/** The look of `<customer-hub-inbox-ticket>`: header, thread, composer, uploads and the profile panel (narrow screens put it over the thread). */
import { css } from 'lit';

export const ticketStyles = css`
  :host {
    display: grid;
    grid-template-columns: minmax(0, 1fr) var(--_profile-width, 300px);
    height: 100%;
    min-height: 0;
    background: var(--_bg);
  }
  .conversation {
    display: grid;
    grid-template-rows: auto minmax(0, 1fr) auto;
    min-height: 0;
    position: relative;
    border-right: 1px solid var(--_line);
  }
  .head {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 10px 16px;
    border-bottom: 1px solid var(--_line);
    flex-wrap: wrap;
  }
  .head h2 {
    font-size: 16px;
    margin: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .head .meta {
    flex: 1 1 160px;
    min-width: 0;
  }
  .head .sub {
    font-size: 12px;
    color: var(--_muted);
  }
  .actions {
    display: flex;
    gap: 6px;
    position: relative;
  }
  .popover {
    z-index: 5;
    padding: 8px;
  }
  .actions .popover {
    right: 0;
    top: 40px;
    width: 260px;
    display: grid;
    gap: 6px;
  }
  .popover .option {
    display: block;
    width: 100%;
    min-width: 0;
    overflow: hidden;
    text-align: left;
    border: 0;
    background: transparent;
    padding: 8px;
    border-radius: 6px;
  }
  .popover [aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .popover .option:hover,
  .popover .option[aria-selected='true'] {
    background: var(--_surface);
  }
  .confirm {
    grid-column: 1 / -1;
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
    background: var(--_late-bg);
    color: var(--_late-fg);
    border-radius: 8px;
    padding: 8px 10px;
    width: 100%;
  }
  .confirm p {
    margin: 0;
    flex: 1 1 240px;
  }
  .thread {
    overflow-y: auto;
    padding: 16px;
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .msg {
    max-width: min(72%, 560px);
    display: grid;
    gap: 2px;
  }
  .msg.shopper {
    align-self: flex-start;
  }
  .msg.team {
    align-self: flex-end;
    justify-items: end;
  }
  .msg.system {
    align-self: center;
    text-align: center;
    color: var(--_muted);
    font-size: 12px;
    max-width: 90%;
  }
  .bubble {
    padding: 8px 12px;
    border-radius: 14px;
    background: var(--_surface);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .team .bubble {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  /* The browser's link blue is unreadable on the dark theme's bubbles. */
  .bubble a {
    color: var(--_accent);
  }
  .team .bubble a {
    color: inherit;
  }
  .ai .bubble {
    background: var(--_selected);
    color: var(--_fg);
  }
  .system .bubble {
    background: transparent;
    padding: 2px 8px;
  }
  .author {
    font-size: 12px;
    color: var(--_muted);
    margin-top: 8px;
  }
  .state {
    font-size: 12px;
    color: var(--_muted);
  }
  .state.failed {
    color: var(--_danger);
  }
  .link-btn {
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    padding: 0;
  }
  .images {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .images img {
    /* An image whose size is known has it scaled into 220 px in its width and height attributes
       (fitted() in ticket-thread.ts), so its box is there before it loads; one without keeps its
       proportions under these. */
    max-width: 220px;
    max-height: 220px;
    border-radius: 10px;
    display: block;
  }
  .padded {
    padding: 16px;
  }
  .typing,
  .notice {
    font-size: 12px;
    color: var(--_muted);
    padding: 4px 0;
  }
  .older {
    align-self: center;
  }
  customer-hub-inbox-composer {
    display: block;
  }
  .composer {
    border-top: 1px solid var(--_line);
    padding: 10px 16px 14px;
    display: grid;
    gap: 8px;
    position: relative;
  }
  .composer textarea {
    width: 100%;
    resize: none;
    min-height: 64px;
    max-height: 160px;
    font-size: 15px;
  }
  .tools {
    display: flex;
    gap: 4px;
    align-items: center;
  }
  .tools .spacer {
    flex: 1;
  }
  .composer .popover {
    bottom: calc(100% - 6px);
    left: 16px;
    max-height: 260px;
    overflow: auto;
    width: min(360px, calc(100% - 32px));
  }
  .emoji-grid {
    display: grid;
    grid-template-columns: repeat(6, 1fr);
    gap: 2px;
  }
  .emoji-grid button {
    font-size: 20px;
    border: 0;
    background: none;
    border-radius: 6px;
    padding: 4px;
  }
  .emoji-grid button:hover {
    background: var(--_surface);
  }
  .macro-name {
    font-weight: 600;
    display: block;
  }
  .macro-body {
    font-size: 12px;
    color: var(--_muted);
    display: block;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .pending {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
  }
  .pending figure {
    margin: 0;
    position: relative;
    width: 72px;
  }
  .pending img {
    width: 72px;
    height: 72px;
    object-fit: cover;
    border-radius: 8px;
    display: block;
  }
  .pending progress {
    width: 100%;
    height: 4px;
  }
  .pending .remove {
    position: absolute;
    top: -8px;
    right: -8px;
    background: var(--_raised);
    border: 1px solid var(--_line);
    border-radius: 50%;
    width: 24px;
    height: 24px;
  }
  .pending figcaption {
    font-size: 11px;
    color: var(--_danger);
  }
  .drop {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    background: color-mix(in srgb, var(--_accent) 14%, transparent);
    border: 2px dashed var(--_accent);
    font-weight: 600;
    pointer-events: none;
    z-index: 4;
  }
  .closed-note {
    padding: 14px 16px;
    border-top: 1px solid var(--_line);
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
    font-size: 12px;
  }
  aside {
    overflow-y: auto;
    padding: 16px;
    background: var(--_bg);
  }
  aside h3 {
    font-size: 15px;
    margin: 0 0 8px;
  }
  aside h4 {
    font-size: 13px;
    margin: 16px 0 6px;
  }
  aside dl {
    display: grid;
    /* Labels may wrap: the values (an e-mail, a date) keep the width. */
    grid-template-columns: fit-content(96px) minmax(0, 1fr);
    gap: 4px 12px;
    margin: 0;
  }
  aside dt {
    color: var(--_muted);
  }
  aside dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  /* An address breaks after its local part (a <wbr> before the @), never mid-word; a part
     wider than the panel is cut with an ellipsis, the whole address in its title. */
  aside dd.email {
    overflow-wrap: normal;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  aside dd.email span {
    white-space: nowrap;
  }
  aside dd.url a {
    overflow-wrap: anywhere;
  }
  .past,
  .orders {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 6px;
  }
  .past-ticket {
    display: grid;
    gap: 2px;
    width: 100%;
    text-align: start;
    font: inherit;
    color: inherit;
    background: none;
    border: 1px solid var(--_line);
    border-radius: 8px;
    padding: 6px 8px;
    cursor: pointer;
  }
  .past-ticket:hover {
    background: var(--_selected);
  }
  .past-meta {
    display: flex;
    gap: 8px;
    font-size: 12px;
    color: var(--_muted);
  }
  .past-meta time {
    display: inline;
  }
  .past-line {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .orders li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 0 8px;
  }
  .orders .muted {
    grid-column: 1 / -1;
    font-size: 12px;
  }
  .order-status {
    font-size: 12px;
    font-weight: 600;
  }
  aside ol {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 8px;
  }
  aside li {
    border-left: 2px solid var(--_line);
    padding-left: 8px;
  }
  aside time {
    display: block;
    font-size: 12px;
    color: var(--_muted);
  }
  .avatar {
    display: inline-grid;
    place-items: center;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    background: var(--_selected);
    font-weight: 700;
    margin-bottom: 8px;
  }
  .profile-toggle {
    display: none;
  }
  @media (max-width: 1099px) {
    :host {
      grid-template-columns: minmax(0, 1fr);
    }
    .profile-toggle {
      display: inline-grid;
    }
    aside {
      display: none;
      position: absolute;
      right: 0;
      top: 0;
      bottom: 0;
      width: min(320px, 90%);
      border-left: 1px solid var(--_line);
      box-shadow: -8px 0 24px rgb(0 0 0 / 0.12);
      z-index: 6;
    }
    :host([profile-open]) aside {
      display: block;
    }
  }
`;
