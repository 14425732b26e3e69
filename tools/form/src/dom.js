// Small helpers for building the page: elements, downloads, dates.

/** An element with attributes (null ones skipped) and children (text or nodes). */
export function element(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) el.setAttribute(key, value);
  }
  for (const child of children) el.append(child);
  return el;
}

/** Offer ``bytes`` as a file download; nothing leaves the browser. */
export function download(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = element("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Today on the user's clock, as YYYY-MM-DD. */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The batch open on ``day`` (both ends included), the next one to open, and the latest. */
export function openBatch(batches, day) {
  const sorted = [...batches].sort((a, b) => (a.opens < b.opens ? -1 : 1));
  return {
    current: sorted.find((b) => b.opens <= day && day <= b.closes) || null,
    next: sorted.find((b) => b.opens > day) || null,
    latest: sorted[sorted.length - 1] || null,
  };
}
