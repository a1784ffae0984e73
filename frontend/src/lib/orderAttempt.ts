// One Idempotency-Key per purchase attempt. The key is kept in sessionStorage with the order it was made for, so a
// double click, a retry after a network error or a page refresh sends the same key with the same body and the
// exchange answers the order it already made instead of making another. A different order (another plan,
// scenario...) is a new attempt with a new key.

const PREFIX = 'exchange.order-attempt.';

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function attemptKey(productId: string, body: unknown, storage: Storage = sessionStorage): string {
  const json = JSON.stringify(body);
  try {
    const saved = JSON.parse(storage.getItem(PREFIX + productId) ?? 'null') as { key: string; body: string } | null;
    if (saved && saved.body === json) return saved.key;
  } catch {
    // A damaged entry: start a new attempt.
  }
  const key = newKey();
  storage.setItem(PREFIX + productId, JSON.stringify({ key, body: json }));
  return key;
}

/** The attempt is over (paid, or sent to the regulator): the next purchase of this product gets a new key. */
export function finishAttempt(productId: string, storage: Storage = sessionStorage): void {
  storage.removeItem(PREFIX + productId);
}
