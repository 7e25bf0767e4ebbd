/**
 * The merchant settings as the inbox edits them (R12): loaded, saved whole or one
 * section at a time (issue 17), with where that stands and why it failed. Part of
 * `InboxClient`, which exposes these stores as its own `$settings*`.
 */
import { atom } from 'nanostores';
import { toChatError } from '../client/errors.js';
import type { InboxApi, ShopSettings } from './inbox-api.js';
import { withSection, type SettingsKey } from './settings-sections.js';

export type SettingsState = 'idle' | 'loading' | 'ready' | 'saving' | 'saved' | 'error';

export class InboxSettingsStore {
  readonly $settings = atom<ShopSettings | null>(null);
  readonly $state = atom<SettingsState>('idle');
  readonly $error = atom<string | null>(null);

  /** `api` is asked when needed: the client makes it after its stores. */
  constructor(private readonly api: () => InboxApi) {}

  async load(): Promise<void> {
    this.$state.set('loading');
    this.$error.set(null);
    try {
      this.$settings.set(await this.api().settings());
      this.$state.set('ready');
    } catch (err) {
      this.$error.set(toChatError(err).message);
      this.$state.set('error');
    }
  }

  /** Saves the settings (admins only); the server validates and pushes them to open widgets (R12). */
  save(settings: ShopSettings): Promise<boolean> {
    return this.put(async () => settings);
  }

  /**
   * Saves one settings section (issue 17): `keys` from `draft` over the server's current
   * settings, so another section's unsaved edits are never sent and what another admin
   * saved meanwhile elsewhere is kept.
   */
  saveSection(draft: ShopSettings, keys: readonly SettingsKey[]): Promise<boolean> {
    return this.put(async () => withSection(await this.api().settings(), draft, keys));
  }

  /** Signed out: nothing of the shop's settings is kept. */
  clear(): void {
    this.$settings.set(null);
    this.$state.set('idle');
  }

  /** `PUT settings` with what `body` makes, its outcome in `$state` and `$error`. */
  private async put(body: () => Promise<ShopSettings>): Promise<boolean> {
    this.$state.set('saving');
    this.$error.set(null);
    try {
      this.$settings.set(await this.api().saveSettings(await body()));
      this.$state.set('saved');
      return true;
    } catch (err) {
      this.$error.set(toChatError(err).message);
      this.$state.set('error');
      return false;
    }
  }
}
