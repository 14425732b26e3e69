/*
 * 互联网+小镇登记库：名单的筛选、排序和分页。
 *
 * Turns each list of towns (div.towns-list) into a filterable, sortable, paged table, from the
 * list's own data file (the link a.towns-list-data, written by the site build). No framework, no
 * request to another host. Every value from the data is written as text (textContent), never as
 * markup. Without this script the page keeps its table and the link to the data file.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 50;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    [].concat(children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // Fields that the data file leaves out because another field decides them (region by city …).
  function derive(data) {
    Object.keys(data.derived || {}).forEach(function (name) {
      var source = data.fields.indexOf(data.derived[name][0]);
      var table = data.derived[name][1];
      data.rows.forEach(function (row) { row.push(table[row[source]]); });
      data.fields.push(name);
    });
  }

  function List(box, data, root) {
    derive(data);
    this.box = box;
    this.data = data;
    this.root = root;
    this.col = {};
    data.fields.forEach(function (f, i) { this.col[f] = i; }, this);
    this.rank = {};
    Object.keys(data.order).forEach(function (f) {
      var ranks = {};
      data.order[f].forEach(function (v, i) { ranks[v] = i; });
      this.rank[f] = ranks;
    }, this);
    this.filters = {};
    this.sortField = null;
    this.sortDir = 1;
    this.page = 0;
    this.pageSize = PAGE_SIZE;
    this.build();
    this.render();
  }

  List.prototype.label = function (field, value) {
    var names = this.data.labels[field];
    return names && Object.prototype.hasOwnProperty.call(names, value) ? names[value] : String(value);
  };

  List.prototype.build = function () {
    var self = this;
    var title = this.data.title;
    var form = el("form", { "class": "towns-filters", "role": "search", "aria-label": title + "：筛选" });
    this.data.filters.forEach(function (f) {
      var id = "towns-filter-" + f.field;
      var select = el("select", { "id": id, "name": f.field });
      select.appendChild(el("option", { "value": "" }, "全部"));
      f.options.forEach(function (o) {
        select.appendChild(el("option", { "value": o[0] }, o[1] + "（" + o[2] + "）"));
      });
      select.addEventListener("change", function () {
        self.filters[f.field] = select.value;
        self.page = 0;
        self.render();
      });
      form.appendChild(el("div", { "class": "towns-filter" }, [el("label", { "for": id }, f.label), select]));
    });
    var reset = el("button", { "type": "reset", "class": "md-button" }, "清除筛选");
    form.addEventListener("reset", function () {
      self.filters = {};
      self.page = 0;
      window.setTimeout(function () { self.render(); }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.appendChild(el("div", { "class": "towns-filter towns-filter--reset" }, reset));

    this.status = el("p", { "class": "towns-list-status", "role": "status", "aria-live": "polite" });
    this.head = el("tr");
    this.data.columns.forEach(function (c) {
      var button = el("button", { "type": "button", "class": "towns-sort" }, c.label);
      var th = el("th", { "scope": "col", "aria-sort": "none", "data-field": c.field }, button);
      button.addEventListener("click", function () { self.sortBy(c.field); });
      self.head.appendChild(th);
    });
    this.body = el("tbody");
    var table = el("table", { "class": "towns-list-table" }, [el("thead", {}, this.head), this.body]);
    var scroller = el("div", {
      "class": "towns-table towns-table--list",
      "role": "region",
      "aria-label": title + "（表格，可左右滚动）",
      "tabindex": "0"
    }, table);
    this.prev = el("button", { "type": "button", "class": "md-button" }, "上一页");
    this.next = el("button", { "type": "button", "class": "md-button" }, "下一页");
    this.pageText = el("span", { "class": "towns-pager-text" });
    this.prev.addEventListener("click", function () { self.turn(-1); });
    this.next.addEventListener("click", function () { self.turn(1); });
    this.pager = el("nav", { "class": "towns-pager", "aria-label": title + "：分页" }, [this.prev, this.pageText, this.next]);

    var old = this.box.querySelector(".towns-table");
    if (old) old.remove();
    var rest = this.box.querySelector(".towns-list-more");
    if (rest) rest.remove();
    // On a phone the filters fold away behind their summary; they are open on a wider screen.
    var folder = el("details", { "class": "towns-filters-box" }, [el("summary", {}, "筛选"), form]);
    folder.open = !window.matchMedia || window.matchMedia("(min-width: 45em)").matches;
    [folder, this.status, scroller, this.pager].forEach(function (node) { self.box.appendChild(node); });
    window.addEventListener("beforeprint", function () { self.pageSize = Infinity; self.render(); });
    window.addEventListener("afterprint", function () { self.pageSize = PAGE_SIZE; self.render(); });
  };

  List.prototype.sortBy = function (field) {
    this.sortDir = this.sortField === field ? -this.sortDir : 1;
    this.sortField = field;
    this.page = 0;
    this.render();
  };

  List.prototype.turn = function (step) {
    this.page += step;
    this.render();
  };

  List.prototype.key = function (row, field) {
    var value = row[this.col[field]];
    var ranks = this.rank[field];
    if (ranks) return Object.prototype.hasOwnProperty.call(ranks, value) ? ranks[value] : 1e9;
    return value;
  };

  List.prototype.compare = function (a, b) {
    var fields = (this.sortField ? [this.sortField] : []).concat(this.data.sort, ["name"]);
    for (var i = 0; i < fields.length; i++) {
      var x = this.key(a, fields[i]);
      var y = this.key(b, fields[i]);
      var d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-Hans-CN");
      if (d) return i === 0 && this.sortField ? d * this.sortDir : d;
    }
    return 0;
  };

  List.prototype.matching = function () {
    var self = this;
    var active = Object.keys(this.filters).filter(function (f) { return self.filters[f] !== ""; });
    return this.data.rows.filter(function (row) {
      return active.every(function (f) { return String(row[self.col[f]]) === self.filters[f]; });
    });
  };

  List.prototype.cell = function (row, field) {
    var value = row[this.col[field]];
    if (field === "name") {
      var self = this;
      var path = this.data.link.replace(/\{(\w+)\}/g, function (_, f) { return encodeURIComponent(row[self.col[f]]); });
      return el("a", { "href": new URL(path, this.root).href }, String(value));
    }
    if (field === "state") {
      var group = row[this.col.group];
      return el("span", { "class": "towns-state towns-state--" + group }, this.label("state", value));
    }
    return this.label(field, value);
  };

  List.prototype.render = function () {
    var self = this;
    var rows = this.matching().sort(function (a, b) { return self.compare(a, b); });
    var pages = Math.max(1, Math.ceil(rows.length / this.pageSize));
    this.page = Math.min(Math.max(this.page, 0), pages - 1);
    var first = this.page * this.pageSize;
    var shown = rows.slice(first, first + this.pageSize);
    var body = el("tbody");
    shown.forEach(function (row) {
      var tr = el("tr");
      self.data.columns.forEach(function (c, i) {
        tr.appendChild(el(i === 0 ? "th" : "td", i === 0 ? { "scope": "row" } : {}, self.cell(row, c.field)));
      });
      body.appendChild(tr);
    });
    this.body.replaceWith(body);
    this.body = body;
    [].forEach.call(this.head.children, function (th) {
      var sorted = th.getAttribute("data-field") === self.sortField;
      th.setAttribute("aria-sort", sorted ? (self.sortDir > 0 ? "ascending" : "descending") : "none");
    });
    var total = this.data.rows.length;
    this.status.textContent = rows.length
      ? "符合条件的小镇 " + rows.length + " 个（共 " + total + " 个），显示第 " + (first + 1) + "–" + (first + shown.length) + " 个。"
      : "没有符合条件的小镇（共 " + total + " 个）。";
    this.pageText.textContent = "第 " + (this.page + 1) + " / " + pages + " 页";
    this.prev.disabled = this.page === 0;
    this.next.disabled = this.page >= pages - 1;
    this.pager.hidden = pages <= 1;
  };

  function start(box) {
    var link = box.querySelector("a.towns-list-data");
    if (!link || !window.fetch) return;
    var dataUrl = new URL(link.href, document.baseURI);
    if (dataUrl.origin !== window.location.origin) return;
    fetch(dataUrl.href)
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) { new List(box, data, new URL("../../../", dataUrl)); })
      .catch(function () { box.classList.add("towns-list--static"); });
  }

  function init() {
    [].forEach.call(document.querySelectorAll("div.towns-list"), start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
