/**
 * The settings' office hours (R9, R12): the time zone, up to two opening ranges a day,
 * holidays and the away message. Closing a day keeps its ranges aside until it opens
 * again (issue 13 #12).
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { inboxEn, type InboxTranslation } from '../i18n/inbox.js';
import { WEEKDAYS, type ShopSettings, type Weekday } from './inbox-api.js';
import { checked, lines, value } from './settings-fields.js';

/** Opening ranges a day may have in the form (a morning and an afternoon, say). */
const RANGES_PER_DAY = 2;

function timeZones(current: string): string[] {
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return all.includes(current) ? all : [current, ...all];
}

export class OfficeHoursEditor {
  private t: InboxTranslation = inboxEn;
  /** The ranges of days closed in this draft, restored when the day is opened again. */
  private closedRanges = new Map<Weekday, string[][]>();

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Told on every edit (the section has unsaved changes). */
    private readonly touched: () => void,
  ) {}

  render(d: ShopSettings, admin: boolean, t: InboxTranslation) {
    this.t = t;
    const h = d.officeHours;
    return html`<fieldset ?disabled=${!admin}>
      <legend>${t.officeHours}</legend>
      <label class="field">${t.timezone}
        <select name="timezone" @change=${(e: Event) => (h.timezone = value(e))}>
          ${timeZones(h.timezone).map((z) => html`<option value=${z} ?selected=${z === h.timezone}>${z}</option>`)}
        </select>
      </label>
      ${WEEKDAYS.map((day) => this.renderDay(h.weekly, day))}
      <label class="field">${t.holidays}<textarea name="holidays" .value=${h.holidays.join('\n')} @input=${(e: Event) => (h.holidays = lines(value(e)))}></textarea></label>
      <label class="field">${t.awayMessage}<textarea name="awayMessage" .value=${h.awayMessage} @input=${(e: Event) => (h.awayMessage = value(e))}></textarea></label>
    </fieldset>`;
  }

  private renderDay(weekly: Record<Weekday, string[][]>, day: Weekday) {
    const t = this.t;
    const ranges = weekly[day];
    const label = t.days[day]!;
    return html`<div class="day" data-day=${day}>
      <span>${label}</span>
      <label class="check"><input type="checkbox" name="openDay" aria-label=${`${t.openDay}: ${label}`} .checked=${ranges.length > 0} @change=${(e: Event) => this.setDayOpen(weekly, day, checked(e))} /> ${t.openDay}</label>
      <div class="ranges">
        ${ranges.map((range, i) => this.renderRange(ranges, range, i, label))}
        ${ranges.length > 0 && ranges.length < RANGES_PER_DAY
          ? html`<button type="button" class="btn" data-add-range @click=${() => this.addRange(ranges)}>${t.addRange}<span class="sr-only">: ${label}</span></button>`
          : nothing}
      </div>
    </div>`;
  }

  private renderRange(ranges: string[][], range: string[], i: number, label: string) {
    const t = this.t;
    const which = ranges.length > 1 ? ` (${i + 1})` : '';
    return html`<div class="range">
      <label class="field">${t.from}<input type="time" name="from" aria-label=${`${label}${which}: ${t.from}`} .value=${range[0] ?? ''} @input=${(e: Event) => (range[0] = value(e))} /></label>
      <label class="field">${t.to}<input type="time" name="to" aria-label=${`${label}${which}: ${t.to}`} .value=${range[1] === '24:00' ? '23:59' : (range[1] ?? '')} @input=${(e: Event) => (range[1] = value(e))} /></label>
      ${ranges.length > 1
        ? html`<button type="button" class="btn danger remove" aria-label=${`${t.removeRange}: ${label}${which}`} @click=${() => this.removeRange(ranges, i)}>✕</button>`
        : nothing}
    </div>`;
  }

  /**
   * Closing a day keeps its ranges aside, so opening it again (before a save) brings
   * them back: nothing the merchant set is edited away silently (issue 13 #12).
   */
  private setDayOpen(weekly: Record<Weekday, string[][]>, day: Weekday, open: boolean): void {
    if (open) {
      weekly[day] = this.closedRanges.get(day) ?? [['09:00', '17:00']];
    } else {
      if (weekly[day].length) this.closedRanges.set(day, weekly[day]);
      weekly[day] = [];
    }
    this.touched();
    this.host.requestUpdate();
  }

  private addRange(ranges: string[][]): void {
    const end = ranges.at(-1)?.[1];
    // A second range after the first one, e.g. the afternoon after a lunch break.
    ranges.push(end && end < '18:00' ? [end, '18:00'] : ['18:00', '20:00']);
    this.touched();
    this.host.requestUpdate();
  }

  private removeRange(ranges: string[][], i: number): void {
    ranges.splice(i, 1);
    this.touched();
    this.host.requestUpdate();
  }
}
