/**
 * How the inbox tells the agent about new work (R14): the unread count in the page
 * title, a soft chime and, when the agent opts in, a desktop notification. The
 * agent's choices are kept in `localStorage`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const PREFS_KEY = 'customer-hub-inbox:prefs';

/** The agent's notification choices. */
export interface AlertPrefs {
  desktop: boolean;
  sound: boolean;
}

/** A desktop notification to show: its title, body and the ticket it is about. */
export interface DesktopAlert {
  title: string;
  body: string;
  tag: string;
  onClick(): void;
}

export class NewTicketAlertsController implements ReactiveController {
  /** Read by the host's preferences menu. */
  prefs: AlertPrefs = { desktop: false, sound: true };
  private baseTitle = '';
  private audio: AudioContext | null = null;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.baseTitle = document.title.replace(/^\(\d+\)\s*/, '');
    this.prefs = readPrefs();
    this.host.addEventListener('pointerdown', this.unlockAudio, { once: true });
  }

  hostDisconnected(): void {
    document.title = this.baseTitle;
    void this.audio?.close();
    this.audio = null;
  }

  /** The unread total as `(n) ` before the page's own title. */
  showUnread(n: number): void {
    document.title = n > 0 ? `(${n}) ${this.baseTitle}` : this.baseTitle;
  }

  /** A new ticket: the chime, and the desktop notification when chosen and permitted. */
  announce(alert: DesktopAlert): void {
    if (this.prefs.sound) this.chime();
    if (this.prefs.desktop && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      const note = new Notification(alert.title, { body: alert.body, tag: alert.tag });
      note.onclick = () => {
        window.focus();
        alert.onClick();
      };
    }
  }

  /** The desktop checkbox: turning it on asks the browser, which may say no. */
  onDesktopToggle = async (e: Event): Promise<void> => {
    const box = e.target as HTMLInputElement;
    let on = box.checked;
    if (on && typeof Notification !== 'undefined' && Notification.permission !== 'granted') {
      on = (await Notification.requestPermission()) === 'granted';
    }
    box.checked = on;
    this.setPrefs({ desktop: on });
  };

  setPrefs(patch: Partial<AlertPrefs>): void {
    this.prefs = { ...this.prefs, ...patch };
    this.host.requestUpdate();
    try {
      localStorage.setItem(PREFS_KEY, JSON.stringify(this.prefs));
    } catch {
      // private mode: the choice lasts for this page
    }
  }

  /** Browsers allow sound only after a gesture: make the audio context on the first one. */
  private unlockAudio = (): void => {
    try {
      if (this.prefs.sound && window.AudioContext) this.audio ??= new AudioContext();
    } catch {
      // no sound is fine
    }
  };

  private chime(): void {
    try {
      const audio = this.audio;
      if (!audio || audio.state !== 'running') return;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.08, audio.currentTime + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.35);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.4);
    } catch {
      // no sound is fine
    }
  }
}

/** `localStorage` crosses a trust boundary: anything but the two booleans falls back to the defaults. */
function readPrefs(): AlertPrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Partial<AlertPrefs>;
    return { desktop: raw.desktop === true, sound: raw.sound !== false };
  } catch {
    return { desktop: false, sound: true };
  }
}
