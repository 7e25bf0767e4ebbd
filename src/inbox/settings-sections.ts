/**
 * The settings' sections (issue 17 "Settings"): which settings each one saves, and the
 * merge that saves one section without sending or resetting the others' unsaved edits.
 * No DOM: the inbox client saves through it; the side navigation is settings-nav.ts. A section's controls are rendered by `<customer-hub-inbox-settings>`
 * (its `sectionBody`); a new control goes there, in its section's list, and its settings
 * key in the section's `keys` here.
 */
import type { ShopSettings } from './inbox-api.js';

export type SettingsKey = keyof ShopSettings;

/** Each section and the top-level settings it owns: saving it sends only these. */
export const SETTINGS_SECTIONS = [
  { id: 'chat', keys: ['enabled', 'chat', 'loginStatus', 'welcomeMessage', 'shopName', 'logoUrl', 'replyTimeMessage', 'defaultLanguage', 'translations', 'policy'] },
  { id: 'faq', keys: ['faqs'] },
  { id: 'hours', keys: ['officeHours'] },
  { id: 'ai', keys: ['ai'] },
  { id: 'sms', keys: ['sms'] },
  { id: 'notifications', keys: ['notifications'] },
  { id: 'team', keys: ['macros'] },
  { id: 'security', keys: ['allowedOrigins'] },
] as const satisfies ReadonlyArray<{ id: string; keys: readonly SettingsKey[] }>;

export type SectionId = (typeof SETTINGS_SECTIONS)[number]['id'];

export const sectionKeys = (id: SectionId): readonly SettingsKey[] => SETTINGS_SECTIONS.find((s) => s.id === id)!.keys;

/**
 * What `PUT settings` gets when one section is saved: the server's current settings
 * (secrets absent, so the server keeps them: they stay write-only) with this section's
 * keys from the draft; a key the draft dropped (SMS switched off before it was filled
 * in) is dropped too.
 */
export function withSection(current: ShopSettings, draft: ShopSettings, keys: readonly SettingsKey[]): ShopSettings {
  const next = structuredClone(current);
  resetSection(next, draft, keys);
  return next;
}

/** Copies `keys` from `from` into `into` (a section taken back to what is saved). */
export function resetSection(into: ShopSettings, from: ShopSettings, keys: readonly SettingsKey[]): void {
  const target = into as unknown as Record<string, unknown>;
  for (const key of keys) {
    if (from[key] === undefined) delete target[key];
    else target[key] = structuredClone(from[key]);
  }
}
