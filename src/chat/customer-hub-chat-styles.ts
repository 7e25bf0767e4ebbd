/**
 * Styles of the element itself, in the first load: the theme tokens on the host, the
 * launcher, the panel's frame (floating, inline, full-screen on phones) and the loading
 * skeleton. The lazy panel's views bring their own (panel-styles.ts).
 */
import { css } from 'lit';
import { darkTokens, lightTokens, visuallyHidden } from '../theme/tokens.js';

export const customerHubChatStyles = css`
  :host {
    ${lightTokens}
    --_radius: var(--customer-hub-radius, 16px);
    --_z: var(--customer-hub-z-index, 2147483000);
    font-family: var(--customer-hub-font, inherit);
    font-size: 15px;
    line-height: 1.45;
    color: var(--_fg);
    display: contents;
  }
  :host([hidden]) {
    display: none;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  :host([mode='inline']) {
    display: block;
    height: 100%;
    min-height: 420px;
  }
  * {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .panel:focus {
    outline: none;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  .launcher {
    position: fixed;
    z-index: var(--_z);
    inset-block-end: var(--customer-hub-offset-bottom, 20px);
    inset-inline-end: var(--customer-hub-offset-side, 20px);
    width: 58px;
    height: 58px;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.22);
    display: grid;
    place-items: center;
    transition: transform 0.15s ease;
  }
  .launcher:hover {
    transform: scale(1.05);
  }
  .launcher svg {
    width: 28px;
    height: 28px;
    fill: currentColor;
  }
  .badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: #c4001a;
    color: #fff;
    font-size: 12px;
    font-weight: 700;
    line-height: 22px;
    text-align: center;
    border: 2px solid #fff;
  }
  .panel {
    position: fixed;
    z-index: var(--_z);
    inset-block-end: calc(var(--customer-hub-offset-bottom, 20px) + 72px);
    inset-inline-end: var(--customer-hub-offset-side, 20px);
    width: var(--customer-hub-panel-width, 380px);
    height: min(var(--customer-hub-panel-height, 640px), calc(100vh - 120px));
    background: var(--_bg);
    color: var(--_fg);
    border-radius: var(--_radius);
    box-shadow: 0 12px 48px rgb(0 0 0 / 0.25);
    display: flex;
    flex-direction: column;
    overflow: hidden;
    animation: rise 0.18s ease-out;
  }
  :host([launcher='none']) .panel {
    inset-block-end: var(--customer-hub-offset-bottom, 20px);
  }
  :host([mode='inline']) .panel {
    position: relative;
    inset: auto;
    width: 100%;
    height: 100%;
    box-shadow: none;
    border-radius: 0;
    animation: none;
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  @media (max-width: 480px) {
    :host(:not([mode='inline'])) .panel {
      inset: 0;
      width: 100%;
      height: var(--_vvh, 100dvh);
      border-radius: 0;
    }
    :host([open]:not([mode='inline'])) .launcher {
      display: none;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .panel,
    .launcher {
      animation: none;
      transition: none;
    }
  }
  .skeleton {
    padding: 20px;
    display: grid;
    gap: 12px;
  }
  .skeleton span {
    display: block;
    height: 14px;
    border-radius: 7px;
    background: var(--_surface);
  }
  .skeleton .short {
    width: 70%;
  }
  .skeleton .mid {
    width: 85%;
  }
  .visually-hidden {
    ${visuallyHidden}
  }
`;
