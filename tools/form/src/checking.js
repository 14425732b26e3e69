// Checking the declaration as it is typed, showing each message beside its field and the list of
// everything still to fill in, and saving the draft after every change.

import { toDeclaration } from "./convert.js";
import { element } from "./dom.js";
import { saveDraft } from "./draft.js";
import { dateErrors } from "./messages.js";
import { HEADER } from "./header.js";
import { typeSchema } from "./schema.js";

/** Methods of the form page (`ApplyForm`), mixed into its prototype. */
export const checkingMethods = {
  declaration() {
    const value = this.sections ? { ...this.state.value, ...this.sections.getValue() } : this.state.value;
    const branch = typeSchema(this.schema, this.state.type);
    const { city, district, batch } = this.state.header;
    const whole = { ...value, schema_version: 1, type: this.state.type, city, district, batch };
    return toDeclaration(this.schema, branch, whole);
  },

  errors() {
    const declaration = this.declaration();
    const branch = typeSchema(this.schema, this.state.type);
    const found = [
      ...this.check(declaration),
      ...dateErrors(this.schema, branch, declaration),
      ...this.placeErrors(declaration),
    ];
    // An empty field is "必须填写", not also "请从可选项中选择" or "不应少于 1 个字符".
    const empty = new Set(found.filter((e) => e.message === "必须填写").map((e) => e.field));
    const seen = new Set();
    return found.filter((e) => {
      const key = `${e.field}\u0000${e.message}`;
      if (seen.has(key) || (empty.has(e.field) && e.message !== "必须填写")) return false;
      seen.add(key);
      return true;
    });
  },

  placeErrors(declaration) {
    const out = [];
    const city = this.data.cities.find((c) => c.name === declaration.city);
    if (city && city.districts.length && declaration.district && !city.districts.some((d) => d.name === declaration.district)) {
      out.push({
        path: ["district"],
        field: "district",
        title: "「所在县（市、区）」",
        message: `“${declaration.district}”不是${city.name}的县级行政区，请从名单中选择`,
      });
    }
    return out;
  },

  /** After any edit: keep the draft (also while sections are still being built), check, show. */
  changed() {
    if (!this.sections) return;
    this.state.value = { ...this.state.value, ...this.sections.getValue() };
    if (this.ready) {
      this.labelRowButtons();
      this.showErrors(this.errors());
    }
    if (!saveDraft({ ...this.state, exact: [...this.exact] })) {
      this.say("浏览器不允许保存草稿（可能处于无痕模式或存储空间已满），请及时点“导出申报表”保存。");
    }
  },

  /** Each row's buttons say which row they act on (“删除第 2 行：企业名单”), for screen readers. */
  labelRowButtons() {
    for (const button of this.editorHolder.querySelectorAll("button[data-i]")) {
      const table = button.closest("[data-schemapath]");
      const list = table && table.parentNode ? table.parentNode.closest("[data-schematype='array']") : null;
      const title = list ? list.querySelector(".je-header span:last-of-type, .je-header") : null;
      const name = title ? title.textContent.replace(/（选填）$/, "").trim() : "";
      const label = `${button.textContent.trim()}第 ${Number(button.dataset.i) + 1} 行${name ? `：${name}` : ""}`;
      if (button.getAttribute("aria-label") !== label) button.setAttribute("aria-label", label);
    }
  },

  showErrors(errors) {
    this.sections.showErrors(errors.filter((e) => !HEADER.includes(e.path[0])), this.showAll);
    for (const key of ["city", "district", "batch"]) {
      const touched = this.showAll || (this.touched && this.touched.has(key));
      const mine = touched ? errors.filter((e) => e.path[0] === key) : [];
      const box = this.root.querySelector(`#towns-apply-${key}-error`);
      if (box) box.textContent = mine.map((e) => e.message).join("；");
      const select = this.root.querySelector(`#towns-apply-${key}`);
      if (select) select.setAttribute("aria-invalid", mine.length ? "true" : "false");
    }
    this.renderSummary(errors);
  },

  renderSummary(errors) {
    const box = this.summary;
    box.replaceChildren();
    const title = element("h2", { id: "towns-apply-summary-title" });
    box.append(title);
    if (!errors.length) {
      title.textContent = "申报表已填写完整";
      box.append(element("p", {}, "格式检查没有发现问题。请撰写申请报告，然后下载申报材料。"));
      return;
    }
    title.textContent = `还有 ${errors.length} 处需要填写或修改`;
    const list = element("ol", {});
    for (const e of errors.slice(0, 200)) {
      const link = element("a", { href: "#" }, `${e.title}：${e.message}`);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        this.focusField(e.path);
      });
      list.append(element("li", {}, link));
    }
    box.append(list);
  },

  focusField(path) {
    if (HEADER.includes(path[0])) {
      const select = this.root.querySelector(`#towns-apply-${path[0]}`);
      if (select) select.focus();
      return;
    }
    const name = `root${path.map((p) => `[${p}]`).join("")}`;
    let target = null;
    for (let n = path.length; n > 0 && !target; n -= 1) {
      const prefix = `root${path.slice(0, n).map((p) => `[${p}]`).join("")}`;
      target = this.editorHolder.querySelector(`[name="${CSS.escape(n === path.length ? name : prefix)}"]`);
      if (!target) {
        const holder = this.editorHolder.querySelector(`[data-schemapath="${CSS.escape(["root", ...path.slice(0, n)].join("."))}"]`);
        target = holder && holder.querySelector("input, select, textarea, button");
      }
    }
    if (target) {
      target.scrollIntoView({ block: "center" });
      target.focus();
    }
  },
};
