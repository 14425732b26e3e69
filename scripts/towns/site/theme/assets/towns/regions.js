// Wide content that scrolls sideways (tables, code) must be reachable by keyboard: a scrolling
// box gets a tab stop and a name ("可横向滚动的表格：<its heading>") while it overflows.

const SCROLLERS = "article .md-typeset__scrollwrap, article pre > code, article .towns-scroll";

function nameOf(box) {
  const caption = box.querySelector("caption");
  if (caption) return caption.textContent.trim();
  let el = box;
  while (el && el.tagName !== "ARTICLE") {
    let prev = el.previousElementSibling;
    while (prev) {
      if (/^H[1-6]$/.test(prev.tagName)) return prev.textContent.replace(/¶$/, "").trim();
      prev = prev.previousElementSibling;
    }
    el = el.parentElement;
  }
  return document.title;
}

function mark(box) {
  const overflows = box.scrollWidth > box.clientWidth + 1;
  if (overflows && !box.hasAttribute("tabindex")) {
    const kind = box.querySelector("table") ? "表格" : "内容";
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", `可横向滚动的${kind}：${nameOf(box)}`);
    box.dataset.townsScroll = "";
  } else if (!overflows && "townsScroll" in box.dataset) {
    for (const name of ["tabindex", "role", "aria-label", "data-towns-scroll"]) box.removeAttribute(name);
  }
}

function markAll() {
  for (const box of document.querySelectorAll(SCROLLERS)) mark(box);
}

let pending = 0;
function later() {
  cancelAnimationFrame(pending);
  pending = requestAnimationFrame(markAll);
}

markAll();
window.addEventListener("resize", later);
// Material wraps tables after load; lists may render their rows from data.
new MutationObserver(later).observe(document.body, { childList: true, subtree: true });
