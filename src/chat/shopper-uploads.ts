/**
 * The shopper's pending images (issue 17 B1, R16 for the shopper's side): each uploads as
 * soon as it is picked, pasted or dropped, with its progress and a preview (an object URL,
 * revoked when the image leaves); a refusal stays on its chip, in the shopper's words,
 * until removed. The server checks everything again (`party/core/uploads.ts`).
 */
import type { ChatClient, ChatErrorCode } from '../client/chat-client.js';
import type { PanelTexts } from '../i18n/panel-texts.js';
import { MAX_ATTACHMENTS, type Attachment } from '../protocol/index.js';

/** What the picker offers and what is sent up at all (the server reads the bytes). */
export const IMAGE_TYPES = 'image/png,image/jpeg,image/webp,image/gif';

export interface PendingImage {
  key: number;
  /** An object URL of the file; none for a refused one (it may be no image at all). */
  preview?: string;
  progress: number;
  attachment?: Attachment;
  error?: string;
}

export class ShopperUploads {
  images: PendingImage[] = [];
  private next = 0;

  constructor(
    private readonly host: { requestUpdate(): void },
    private readonly client: Pick<ChatClient, 'upload' | '$config'>,
    private readonly texts: () => PanelTexts,
  ) {}

  /** Whether an image is still on its way up (the message waits for it). */
  get busy(): boolean {
    return this.images.some((i) => !i.attachment && !i.error);
  }

  /** The uploaded images, ready to send. */
  get attachments(): Attachment[] {
    return this.images.flatMap((i) => i.attachment ?? []);
  }

  /** Queues files and starts their uploads; what cannot go is shown with its reason and never sent up. */
  add(files: Iterable<File>): void {
    for (const file of files) {
      const key = ++this.next;
      const refusal =
        this.client.$config.get()?.attachments === false
          ? 'attachments_off'
          : !IMAGE_TYPES.split(',').includes(file.type)
            ? 'unsupported_type'
            : file.size > 5 << 20
              ? 'too_large'
              : this.images.length >= MAX_ATTACHMENTS && 'quota_exceeded';
      this.set([...this.images, refusal ? { key, progress: 0, error: this.say(refusal) } : { key, progress: 0, preview: URL.createObjectURL(file) }]);
      if (!refusal) {
        this.client.upload(file, (progress) => this.patch(key, { progress })).then(
          (attachment) => this.patch(key, { attachment }),
          (e: { code: ChatErrorCode }) => this.patch(key, { error: this.say(e.code) }),
        );
      }
    }
  }

  /** The shop switched images off (live config): each staged one is refused on its chip and never goes (issue 17 B1). */
  off(): void {
    if (this.images.length) this.set(this.images.map(({ attachment, ...i }) => ({ ...i, error: this.say('attachments_off') })));
  }

  /** Drops one image, or (sent) all of them. */
  clear(key?: number): void {
    for (const i of this.images) if (key === undefined || i.key === key) URL.revokeObjectURL(i.preview ?? '');
    this.set(key === undefined ? [] : this.images.filter((i) => i.key !== key));
  }

  /** The refusals told apart (texts named by their codes; too many a minute is "no more for now"); any other failure is the network's. */
  private say(code: ChatErrorCode): string {
    const t = this.texts();
    return t[(code === 'rate_limited' ? 'quota_exceeded' : code) as keyof PanelTexts] ?? t.net;
  }

  /** An image removed meanwhile stays removed; one refused meanwhile (`off`) stays refused. */
  private patch(key: number, patch: Partial<PendingImage>): void {
    this.set(this.images.map((i) => (i.key === key && !i.error ? { ...i, ...patch } : i)));
  }

  private set(images: PendingImage[]): void {
    this.images = images;
    this.host.requestUpdate();
  }
}
