/**
 * The little of Lit's ReactiveElement the widget's first load needs, without Lit (issue
 * 19: the first script a store loads carries no framework): properties declared in
 * `static properties` (the manifest's analyzer reads the same table) backed by
 * attributes, some reflected; one batched update per microtask, with the changed
 * properties and their old values. Nothing is rendered here: the subclass's `update`
 * does. Reactive controllers are the lazy frame's (panel-frame.ts): none exists before
 * the chat's code does, so the first load does not carry them.
 */

/** What Lit's `static properties` says of one property, as far as the launcher uses it. */
export interface PropertyDeclaration {
  attribute?: string | false;
  type?: BooleanConstructor;
  reflect?: boolean;
  state?: boolean;
}

/** The changed properties of one update and their values before it (undefined: first set). */
export type Changed = Map<string, unknown>;

// Server rendering (an SSR framework imports the React wrapper in Node) has no HTMLElement.
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;

export abstract class PlainElement extends Base {
  static properties: Record<string, PropertyDeclaration> = {};

  /** Defines the declared properties' accessors on the prototype, once per class. */
  static finalize(): void {
    for (const [name, d] of Object.entries(this.properties))
      Object.defineProperty(this.prototype, name, {
        configurable: true,
        get(this: PlainElement) {
          return this.values.get(name);
        },
        set(this: PlainElement, value: unknown) {
          const old = this.values.get(name);
          if (old === value) return;
          this.values.set(name, value);
          if (!this.changed.has(name)) this.changed.set(name, old);
          // Set from its attribute: no need to write it back.
          if (d.reflect && this.syncing !== name) this.reflecting.add(name);
          this.requestUpdate();
        },
      });
  }

  /** The declared properties backed by an attribute, with its name. */
  private static attributeNames(): [string, string][] {
    return Object.entries(this.properties).flatMap(([name, d]) =>
      d.state || d.attribute === false ? [] : [[d.attribute ?? name.toLowerCase(), name]],
    );
  }

  static get observedAttributes(): string[] {
    return this.attributeNames().map(([attribute]) => attribute);
  }

  private values = new Map<string, unknown>();
  private changed: Changed = new Map();
  private reflecting = new Set<string>();
  /** The property being set from its attribute, or reflected to it (its callback then does nothing). */
  private syncing: string | null = null;
  private updating: Promise<boolean> | null = null;
  /** Updates wait for the first connection, as Lit's do. */
  private enabled = false;

  constructor(sheet: CSSStyleSheet) {
    super();
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet];
  }

  /** Where the element renders (Lit's name: the panel's controller reads it). @internal */
  get renderRoot(): ShadowRoot {
    return this.shadowRoot!;
  }

  /** Settles after the pending update, true when no other is pending then. */
  get updateComplete(): Promise<boolean> {
    return this.updating ?? Promise.resolve(true);
  }

  connectedCallback(): void {
    this.enabled = true;
    this.requestUpdate();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const [, name] = (this.constructor as typeof PlainElement).attributeNames().find(([a]) => a === attribute)!;
    if (this.syncing === name) return;
    this.syncing = name;
    (this as unknown as Record<string, unknown>)[name] = (this.constructor as typeof PlainElement).properties[name]!.type ? value !== null : value;
    this.syncing = null;
  }

  requestUpdate(): void {
    // One microtask, as Lit's: the property sets of this task are batched, and code that
    // awaits anything sees the DOM updated; longer only while a wait is due.
    this.updating ??= Promise.resolve().then(() => {
      const wait = this.beforeUpdate();
      // A failed wait (a chunk that did not load) must not stop the updates that follow.
      return wait instanceof Promise ? wait.catch(() => undefined).then(() => this.perform()) : this.perform();
    });
  }

  private perform(): boolean {
    this.updating = null;
    if (this.enabled) this.performUpdate();
    return !this.updating;
  }

  /** What an update waits for first, e.g. code the subclass loads lazily; `updateComplete` includes it. */
  protected beforeUpdate(): unknown {
    return undefined;
  }

  private performUpdate(): void {
    const changed = this.changed;
    this.changed = new Map();
    this.willUpdate(changed);
    // A reflected property's attribute is its name (all are one lowercase word).
    for (const name of this.reflecting) {
      const value = (this as unknown as Record<string, unknown>)[name];
      this.syncing = name;
      if (value == null || value === false) this.removeAttribute(name);
      else this.setAttribute(name, value === true ? '' : String(value));
      this.syncing = null;
    }
    this.reflecting.clear();
    this.update();
    this.updated(changed);
  }

  /** Before rendering: derive state from what changed (and the controllers' `hostUpdate`). */
  protected abstract willUpdate(changed: Changed): void;
  /** Renders the element's DOM. */
  protected abstract update(): void;
  /** After rendering: the controllers' `hostUpdated`, focus, events. */
  protected abstract updated(changed: Changed): void;
}
