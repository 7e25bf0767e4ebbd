/** A token bucket per connection (DESIGN §7): burst 40, refill 2 per second. */
export const BURST = 40;
export const REFILL_PER_SECOND = 2;

/** Plain data so a hibernating socket can keep it in its attachment. */
export interface Bucket {
  tokens: number;
  at: number;
}

export const fullBucket = (now: number): Bucket => ({ tokens: BURST, at: now });

/** Takes one token if there is one; mutates and returns whether it was allowed. */
export function take(bucket: Bucket, now: number): boolean {
  const elapsed = Math.max(0, now - bucket.at) / 1000;
  bucket.tokens = Math.min(BURST, bucket.tokens + elapsed * REFILL_PER_SECOND);
  bucket.at = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
