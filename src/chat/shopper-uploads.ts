/**
 * The shopper's pending images (issue 17 B1, R16 for the shopper's side): each uploads as
 * soon as it is picked, pasted or dropped; its preview is the URL the server answered (the
 * thread's images come from there, so a store's CSP that shows them shows it too); a
 * refusal stays on its chip, in the shopper's words, until removed. The type and the shop's
 * switch are the server's to check (`party/core/uploads.ts`: its codes say the same words).
 */
import type { ChatClient, ChatErrorCode } from '../client/chat-client.js';
import { MAX_ATTACHMENTS, type Attachment } from '../protocol/index.js';

/** One chip; changed in place (the view draws from it at each render). */
export interface PendingImage {
  /** The file's name: the preview's alternative text. */
  name: string;
  attachment?: Attachment;
  /** The refusal's code: its words are read at each render, so they follow a change of language. */
  error?: string;
  /** Cancels its upload: a chip removed mid-way is not sent. */
  stop?: AbortController;
}

export class ShopperUploads {
  images: PendingImage[] = [];
  /** The message sent while an image was on its way up: it goes by itself once none is. */
  queued?: (cleared?: undefined) => void;

  constructor(
    private readonly host: { requestUpdate(): void },
    private readonly client: Pick<ChatClient, 'upload' | '$config'>,
  ) {}

  /**
   * The shop switched images off (the live config, R12): every staged image is refused on
   * its chip and none goes with the message (issue 17 B1).
   */
  get off(): boolean {
    return this.client.$config.get()?.attachments === false;
  }

  /** Whether an image is still on its way up (the message waits for it). */
  get busy(): boolean {
    return !this.off && this.images.some((i) => !i.attachment && !i.error);
  }

  /** The uploaded images, ready to send. */
  get attachments(): Attachment[] {
    return this.off ? [] : this.images.flatMap((i) => i.attachment ?? []);
  }

  /**
   * Picked, pasted or dropped files: each starts its upload, unless `refused` (its code) says why not. Too big or one too many for a
   * message is refused here, unsent: a phone's 20 MB photo is not sent up to hear so.
   */
  stage(files: FileList, refused?: string): void {
    for (const file of files) {
      // Only images that can go count toward a message's ten: refused chips do not.
      const image: PendingImage = {
        name: file.name,
        error: refused ?? (this.images.filter((i) => !i.error).length >= MAX_ATTACHMENTS ? 'many' : file.size > 5 << 20 ? 'too_large' : undefined),
      };
      this.images.push(image);
      if (!image.error)
        this.client.upload(file, (image.stop = new AbortController()).signal).then(
          (attachment) => this.patch(image, { attachment }),
          (e: { code: ChatErrorCode }) => this.patch(image, { error: e.code }),
        );
    }
    this.changed();
  }

  /**
   * Drops one image, or (sent, or the chat left) all of them; one still on its way up is
   * cancelled, not sent. With all of them goes the message that waited: it was for the chat
   * left (a new chat, the element gone), never sent into the next (review r2 #2).
   */
  remove(image?: PendingImage): void {
    if (!image) this.queued = undefined;
    for (const i of image ? [image] : this.images) i.stop?.abort();
    this.images = image ? this.images.filter((i) => i !== image) : [];
    this.changed();
  }

  /** The upload's answer, or its refusal's code. */
  private patch(image: PendingImage, change: Partial<PendingImage>): void {
    Object.assign(image, change);
    this.changed();
  }

  /** Redraws; a message that waited goes once no image is on its way (the callee is read before its argument clears it). */
  private changed(): void {
    this.host.requestUpdate();
    if (!this.busy) this.queued?.((this.queued = undefined));
  }
}
