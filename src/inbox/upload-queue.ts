/**
 * The composer's pending images: each uploads as soon as it is added (R16) with its
 * progress, and shows from an object URL, revoked when the image leaves the queue.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { InboxTranslation } from '../i18n/inbox.js';
import type { Attachment } from '../protocol/index.js';

/** What the uploader accepts (the server checks the bytes again). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export interface PendingImage {
  key: string;
  name: string;
  preview: string;
  progress: number;
  attachment?: Attachment;
  error?: string;
}

/** Uploads a file, reporting progress from 0 to 1. */
export type Upload = (file: File, onProgress: (progress: number) => void) => Promise<Attachment>;

export class UploadQueue implements ReactiveController {
  /** The images in the order they were added. */
  images: PendingImage[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly upload: Upload,
    private readonly texts: () => InboxTranslation,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const img of this.images) URL.revokeObjectURL(img.preview);
  }

  /** Whether an image is still on its way up (the reply waits for it). */
  get busy(): boolean {
    return this.images.some((i) => !i.attachment && !i.error);
  }

  /** The uploaded images, ready to send. */
  get attachments(): Attachment[] {
    return this.images.flatMap((i) => (i.attachment ? [i.attachment] : []));
  }

  /** Queues files and starts their uploads; anything but a small image is shown with an error and not sent up. */
  add(files: File[]): void {
    const t = this.texts();
    for (const file of files) {
      const img: PendingImage = { key: crypto.getRandomValues(new Uint32Array(2)).join('-'), name: file.name || t.image, preview: URL.createObjectURL(file), progress: 0 };
      if (!IMAGE_TYPES.includes(file.type) || file.size > MAX_IMAGE_BYTES) img.error = t.imageOnly;
      this.set([...this.images, img]);
      if (img.error) continue;
      this.upload(file, (p) => this.patch(img.key, { progress: p }))
        .then((attachment) => this.patch(img.key, { attachment, progress: 1 }))
        .catch((err: Error) => this.patch(img.key, { error: `${this.texts().uploadFailed}: ${err.message}` }));
    }
  }

  remove(key: string): void {
    const img = this.images.find((i) => i.key === key);
    if (img) URL.revokeObjectURL(img.preview);
    this.set(this.images.filter((i) => i.key !== key));
  }

  /** Empties the queue (sent, or another ticket opened). */
  clear(): void {
    for (const img of this.images) URL.revokeObjectURL(img.preview);
    this.set([]);
  }

  private patch(key: string, patch: Partial<PendingImage>): void {
    this.set(this.images.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  }

  private set(images: PendingImage[]): void {
    this.images = images;
    this.host.requestUpdate();
  }
}
