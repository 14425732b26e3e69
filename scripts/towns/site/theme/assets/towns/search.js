// The site search box. Opening a page downloads nothing of the search: the Pagefind bundle
// (its script, its WebAssembly and the index chunks a query needs) is fetched when a visitor
// focuses the box, and each query fetches only the chunks of its terms and the results it shows.
//
// Queries are turned into the index's terms by `queryTerms`, the twin of
// towns.site.searchterms.query_terms (a test holds the two equal): Chinese becomes character
// pairs, so no word segmenter stands between what is typed and what the page says.

const PREFIX = "h";
const WIDTH = 4;
const MAX_TERMS = 4; // each term costs an index chunk; four pairs already single out a name
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]+/gu;
const PAGE_SIZE = 8;
const DELAY_MS = 120;
// Documents differ in length (a town's is short, a guide's longer): a weak length penalty keeps a
// page whose title matches above a longer page that only mentions it.
const RANKING = { pageLength: 0.3 };

export function charCode(ch) {
  return ch.codePointAt(0).toString(36).padStart(WIDTH, "0");
}

export function queryTerms(text) {
  const replaced = text.replace(HAN, (run) => {
    const chars = Array.from(run);
    if (chars.length === 1) return ` ${PREFIX}${charCode(chars[0])} `;
    const pairs = [];
    for (let i = 0; i + 1 < chars.length; i += 2) pairs.push([chars[i], chars[i + 1]]);
    if (chars.length % 2) pairs.push(chars.slice(-2));
    return ` ${pairs.map(([a, b]) => PREFIX + charCode(a) + charCode(b)).join(" ")} `;
  });
  return replaced.split(/\s+/).filter(Boolean).slice(0, MAX_TERMS).join(" ");
}

function isEditable(el) {
  return el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

class SearchBox {
  constructor(root) {
    this.root = root;
    this.bundle = new URL(root.dataset.townsSearch, document.baseURI);
    this.input = root.querySelector(".towns-search__input");
    this.form = root.querySelector(".towns-search__form");
    this.panel = root.querySelector(".towns-search__panel");
    this.status = root.querySelector(".towns-search__status");
    this.list = root.querySelector(".towns-search__list");
    this.more = root.querySelector(".towns-search__more");
    this.opener = root.querySelector(".towns-search__open");
    this.closer = root.querySelector(".towns-search__close");
    this.engine = null;
    this.results = [];
    this.shown = 0;
    this.sequence = 0;
    this.timer = 0;
    this.query = "";
    this.listen();
  }

  listen() {
    this.input.addEventListener("focus", () => this.load().catch(() => {}), { once: true });
    // `input` covers typing, pasting, dropping and an input method's committed text.
    this.input.addEventListener("input", (e) => e.isComposing || this.schedule());
    this.input.addEventListener("compositionend", () => this.schedule());
    this.input.addEventListener("focus", () => this.query && this.showPanel(true));
    this.input.addEventListener("keydown", (e) => this.onInputKey(e));
    this.list.addEventListener("keydown", (e) => this.onListKey(e));
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.firstLink()?.click();
    });
    this.more.addEventListener("click", () => this.showMore(this.sequence));
    this.opener.addEventListener("click", () => this.open());
    this.closer.addEventListener("click", () => this.close());
    this.root.addEventListener("focusout", (e) => {
      if (!this.root.contains(e.relatedTarget)) this.showPanel(false);
    });
    // Capture phase: the theme's own shortcut for its (absent) search must not see these keys.
    window.addEventListener("keydown", (e) => this.onGlobalKey(e), true);
  }

  load() {
    this.engine ??= import(this.bundle.href)
      .then(async (pagefind) => {
        await pagefind.options({ baseUrl: new URL("..", this.bundle).pathname, ranking: RANKING });
        await pagefind.init();
        this.root.dataset.ready = ""; // the engine and the index's page list are loaded
        return pagefind;
      })
      .catch((error) => {
        this.engine = null; // try again on the next query (a lost connection, say)
        throw error;
      });
    return this.engine;
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.search(this.input.value), DELAY_MS);
  }

  async search(value) {
    const query = value.trim();
    const sequence = ++this.sequence;
    this.query = query;
    delete this.panel.dataset.query;
    this.list.replaceChildren();
    this.more.hidden = true;
    if (!query) {
      this.say("");
      this.showPanel(false);
      return;
    }
    this.showPanel(true);
    this.say("正在搜索……");
    let found;
    try {
      found = await (await this.load()).search(queryTerms(query));
    } catch {
      if (sequence === this.sequence) this.say("搜索暂时无法使用，请稍后再试，或从导航浏览。");
      return;
    }
    if (sequence !== this.sequence) return;
    this.results = found.results;
    this.shown = 0;
    if (this.results.length) await this.showMore(sequence);
    if (sequence !== this.sequence) return;
    // Announced once the results are on screen; `data-query` says which query they answer.
    this.say(
      this.results.length
        ? `找到 ${this.results.length} 个结果。`
        : `没有找到与“${query}”相符的页面。请检查用字，或只输入名称中的两三个字。`,
    );
    this.panel.dataset.query = query;
  }

  async showMore(sequence) {
    const batch = this.results.slice(this.shown, this.shown + PAGE_SIZE);
    const pages = await Promise.all(batch.map((result) => result.data()));
    if (sequence !== this.sequence) return;
    for (const page of pages) this.list.append(this.item(page));
    this.shown += batch.length;
    this.more.hidden = this.shown >= this.results.length;
  }

  item(page) {
    const link = document.createElement("a");
    link.className = "towns-search__link";
    link.href = page.url;
    const title = document.createElement("span");
    title.className = "towns-search__title";
    title.append(...this.highlighted(page.meta.title || page.url));
    link.append(title);
    if (page.meta.description) {
      const line = document.createElement("span");
      line.className = "towns-search__line";
      line.textContent = page.meta.description;
      link.append(line);
    }
    const li = document.createElement("li");
    li.append(link);
    return li;
  }

  // The title as text nodes, with the query's words marked (never parsed as HTML).
  highlighted(text) {
    const words = this.query.split(/\s+/).filter(Boolean);
    const lower = text.toLowerCase();
    const marks = [];
    for (const word of words) {
      for (let at = lower.indexOf(word.toLowerCase()); at >= 0; at = lower.indexOf(word.toLowerCase(), at + 1)) {
        marks.push([at, at + word.length]);
      }
    }
    marks.sort((a, b) => a[0] - b[0]);
    const nodes = [];
    let pos = 0;
    for (const [start, end] of marks) {
      if (start < pos) continue;
      nodes.push(document.createTextNode(text.slice(pos, start)));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      nodes.push(mark);
      pos = end;
    }
    nodes.push(document.createTextNode(text.slice(pos)));
    return nodes;
  }

  say(text) {
    this.status.textContent = text;
  }

  links() {
    return Array.from(this.list.querySelectorAll("a"));
  }

  firstLink() {
    return this.links()[0];
  }

  showPanel(visible) {
    this.panel.hidden = !visible;
  }

  open() {
    this.root.classList.add("towns-search--open");
    this.opener.setAttribute("aria-expanded", "true");
    this.input.focus();
  }

  close() {
    this.root.classList.remove("towns-search--open");
    this.opener.setAttribute("aria-expanded", "false");
    this.showPanel(false);
    this.opener.focus({ preventScroll: true });
  }

  onInputKey(e) {
    if (e.key === "ArrowDown" && this.firstLink()) {
      e.preventDefault();
      this.showPanel(true);
      this.firstLink().focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (!this.panel.hidden) this.showPanel(false);
      else if (this.root.classList.contains("towns-search--open")) this.close();
      else this.input.blur();
    }
  }

  onListKey(e) {
    const links = this.links();
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = at + (e.key === "ArrowDown" ? 1 : -1);
      if (next < 0) this.input.focus();
      else links[Math.min(next, links.length - 1)].focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      this.input.focus();
      this.showPanel(false);
    }
  }

  onGlobalKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target) || !["/", "s", "S"].includes(e.key)) return;
    e.preventDefault();
    e.stopPropagation();
    if (getComputedStyle(this.opener).display !== "none") this.open();
    else this.input.focus();
  }
}

for (const root of document.querySelectorAll(".towns-search")) new SearchBox(root);
