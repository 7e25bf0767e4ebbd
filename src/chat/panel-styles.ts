/**
 * Styles of the panel's views (its images' and the launcher's reply preview included),
 * adopted by the frame beside its own (which already hold the skeleton and
 * `.visually-hidden`) and carried in the frame's chunk: the frame always loads the chat
 * right after it, and this CSS, written with the frame's words, weighs less compressed in
 * one file with the frame's than in the chat's (issue 19). Plain CSS text in one
 * constructable stylesheet, as the launcher's and the frame's: Lit's `css` tag and
 * `adoptStyles` would add their code to the widget for nothing.
 */
import { sheetOf } from './customer-hub-chat-styles.js';

// Named `css` so the build squeezes the literal as it does Lit's (scripts/minify-css-literals.mjs).
const css = String.raw;

const text = css`
  .logo {
    width: 32px;
    height: 32px;
    border-radius: 8px;
    object-fit: cover;
  }
  .sub {
    flex-basis: 100%;
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .subtitle {
    margin: 0;
    font-size: 13px;
    opacity: 0.92;
  }
  .notice {
    margin: 0;
    padding: 8px 16px;
    font-size: 13px;
    background: var(--_surface);
    border-bottom: 1px solid var(--_line);
  }
  .notice.error {
    color: var(--_danger);
  }
  .confirm {
    padding: 12px 16px;
    background: var(--_surface);
    border-bottom: 1px solid var(--_line);
  }
  .confirm p {
    margin: 0 0 8px;
  }
  .row {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
  }
  .primary.danger {
    background: #b3261e;
    border-color: #b3261e;
    color: #fff;
  }
  .secondary {
    background: transparent;
    border-color: var(--_line);
  }
  .wide {
    width: 100%;
    margin-top: 12px;
    text-align: center;
  }
  .link-button {
    background: none;
    border: 0;
    padding: 0;
    text-decoration: underline;
    font-size: 13px;
  }
  .section-title {
    margin: 0 0 10px;
    font-size: 15px;
  }
  /* The fields: the theme's colours, not the browser's white field on a dark panel; 16 px, so iOS does not zoom. */
  .search,
  textarea,
  [name='comment'] {
    font: inherit;
    font-size: 16px;
    border: 1px solid var(--_line);
    background: var(--_bg);
    color: var(--_fg);
  }
  .search {
    width: 100%;
    padding: 9px 12px;
    border-radius: 10px;
  }
  .faq-list {
    list-style: none;
    margin: 10px 0 0;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  .faq-item {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    width: 100%;
    text-align: start;
    padding: 11px 12px;
    border-radius: 10px;
    border: 1px solid var(--_line);
    background: var(--_bg);
  }
  .faq-item:hover {
    background: var(--_surface);
  }
  /* The chevron says "opens", and is no word for screen readers. */
  .faq-item::after {
    content: '›' / '';
    color: var(--_muted);
  }
  .faq-foot {
    padding: 0 16px 16px;
  }
  .faq-end {
    display: grid;
    gap: 10px;
    justify-items: start;
    padding: 12px;
    border-radius: 10px;
    background: var(--_surface);
  }
  .quiet {
    color: var(--_muted);
    font-size: 13px;
  }
  .thread {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .msg {
    display: flex;
    flex-direction: column;
    max-width: 85%;
    align-self: flex-start;
    align-items: flex-start;
  }
  .msg.shopper {
    align-self: flex-end;
    align-items: flex-end;
  }
  .bubble {
    padding: 9px 13px;
    border-radius: 16px;
    overflow-wrap: anywhere;
    max-width: 100%;
  }
  .bubble.shopper {
    align-self: flex-end;
    background: var(--_accent);
    color: var(--_on-accent);
    border-end-end-radius: 4px;
  }
  .bubble.team {
    align-self: flex-start;
    background: var(--_surface);
    border-end-start-radius: 4px;
  }
  .text {
    white-space: pre-wrap;
  }
  .bubble.failed {
    opacity: 0.7;
  }
  .bubble a {
    color: inherit;
  }
  .author {
    margin: 8px 0 2px;
    font-size: 12px;
    color: var(--_muted);
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .avatar {
    width: 22px;
    height: 22px;
    border-radius: 50%;
    display: inline-grid;
    place-items: center;
    background: var(--_line);
    color: var(--_fg);
    font-weight: 700;
    font-size: 11px;
    flex: none;
  }
  .ai {
    padding: 4px;
    fill: var(--_accent);
  }
  .meta,
  .failed.status {
    margin: 2px 4px 6px;
    font-size: 11.5px;
    color: var(--_muted);
  }
  .status.failed {
    color: var(--_danger);
  }
  .status .link-button {
    font-size: inherit;
  }
  .day,
  .system,
  .next {
    align-self: center;
    margin: 10px 0;
    font-size: 12px;
    color: var(--_muted);
    text-align: center;
  }
  .typing {
    display: inline-flex;
    gap: 4px;
    padding: 12px 14px;
  }
  .typing span {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: var(--_muted);
    animation: blink 1.2s infinite ease-in-out;
  }
  .typing span:nth-child(2) {
    animation-delay: 0.2s;
  }
  .typing span:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes blink {
    50% {
      opacity: 0.3;
    }
  }
  .image {
    display: block;
    padding: 0;
    margin-top: 6px;
    border: 0;
    background: none;
    border-radius: 10px;
    overflow: hidden;
  }
  .image img {
    display: block;
    max-width: 100%;
    height: auto;
    max-height: 220px;
  }
  .zoom {
    max-width: none;
    max-height: none;
    width: 100vw;
    height: 100vh;
    margin: 0;
    border: 0;
    background: rgb(0 0 0 / 0.85);
    place-items: center;
  }
  .zoom[open] {
    display: grid;
  }
  .zoom img {
    max-width: 95vw;
    max-height: 90vh;
  }
  .zoom-close {
    position: absolute;
    inset-block-start: 10px;
    inset-inline-end: 10px;
    background: #fff;
    color: #111;
    border: 0;
    border-radius: 50%;
    width: 36px;
    height: 36px;
  }
  .pill {
    align-self: center;
    margin: -44px auto 8px;
    position: relative;
    border: 0;
    border-radius: 999px;
    padding: 6px 14px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 13px;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
  }
  .older {
    align-self: center;
    margin-bottom: 8px;
  }
  .policy {
    margin: 0;
    padding: 6px 16px;
    font-size: 12px;
    color: var(--_muted);
  }
  .policy a {
    color: var(--_fg);
  }
  .composer {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    padding: 10px 12px;
    border-top: 1px solid var(--_line);
  }
  textarea {
    flex: 1;
    resize: none;
    line-height: 1.4;
    field-sizing: content;
    min-height: 40px;
    max-height: calc(7em + 18px);
    padding: 8px 12px;
    border-radius: 18px;
  }
  .send {
    width: 40px;
    height: 40px;
    border-radius: 50%;
    border: 0;
    background: var(--_accent);
    color: var(--_on-accent);
    display: grid;
    place-items: center;
    flex: none;
  }
  .send svg {
    width: 20px;
    height: 20px;
    fill: currentColor;
  }
  .ended {
    padding: 14px 16px;
    border-top: 1px solid var(--_line);
    text-align: center;
  }
  .ended p {
    margin: 0 0 10px;
    font-weight: 600;
  }
  /* The rating (issue 17): the scores are radios shown as the round buttons, in the fieldset's frame. */
  .rate input,
  .rate span {
    margin: 0 4px 10px;
  }
  .rate :checked + span {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .rate :focus-visible + span {
    outline: 2px solid var(--_accent);
  }
  [name='comment'] {
    width: 90%;
    padding: 8px;
  }
  .rate .row {
    justify-content: center;
  }
  .transcript {
    margin-top: 10px;
  }
  .login h3 {
    margin: 0;
  }
  .login p {
    color: var(--_muted);
    margin: 0 0 8px;
  }
  @media (prefers-reduced-motion: reduce) {
    .typing span {
      animation: none;
    }
  }
  /* The composer's images (views/attachments.ts): mostly the thread's own classes. */
  .attach {
    background: none;
    color: var(--_muted);
    font-size: 24px;
  }
  .pending {
    margin: 0;
    padding: 8px 12px 0;
    list-style: none;
    overflow-x: auto;
    flex-wrap: nowrap;
  }
  .pending li {
    flex: none;
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .pending img {
    display: block;
    width: 56px;
    height: 56px;
    object-fit: cover;
    border-radius: 8px;
  }
  .pending progress {
    width: 56px;
  }
  /* The launcher's reply preview (reply-preview.ts). */
  .preview {
    position: fixed;
    z-index: var(--_z);
    inset-block-end: calc(var(--customer-hub-offset-bottom, 20px) + 70px);
    inset-inline-end: var(--customer-hub-offset-side, 20px);
    width: min(300px, calc(100vw - 40px));
    display: flex;
    align-items: start;
    gap: 4px;
    box-shadow: 0 6px 24px #0003;
  }
  /* The name, then at most two lines of the reply. */
  .preview .link-button {
    flex: 1;
    font-size: inherit;
    text-decoration: none;
    text-align: start;
    overflow: hidden;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
  }
  .preview b {
    display: block;
  }
`;

/** The views' stylesheet: the panel's, its images' and the launcher's reply preview. */
export const panelSheet = sheetOf(text);
