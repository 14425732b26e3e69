// The draft in the browser's local storage, saved on every change and read back on return.

const KEY = "towns-apply-draft-v1";

/** The saved draft, or null when there is none or it cannot be read. */
export function loadDraft(storage = window.localStorage) {
  try {
    const raw = storage.getItem(KEY);
    const draft = raw ? JSON.parse(raw) : null;
    return draft && draft.version === 1 ? draft : null;
  } catch {
    return null;
  }
}

/** Save ``draft``; false when the browser refuses (private mode, full storage). */
export function saveDraft(draft, storage = window.localStorage) {
  try {
    storage.setItem(KEY, JSON.stringify({ ...draft, version: 1, savedAt: new Date().toISOString() }));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage = window.localStorage) {
  try {
    storage.removeItem(KEY);
  } catch {
    /* nothing to clear */
  }
}
