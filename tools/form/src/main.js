// The declaration form page: loads the program's form data, renders the form with JSON Editor,
// checks it with Ajv as it is typed, keeps the draft in the browser, imports and exports
// declaration.yaml, writes report.md and downloads the town's folder as a ZIP.
// `window.townsForm` = {load(yamlText), dump(), errors(), type} is for tests and power users.

import { JSONEditor } from "@json-editor/json-editor/src/core.js";

import { fromTree, toDeclaration } from "./convert.js";
import { clearDraft, loadDraft, saveDraft } from "./draft.js";
import { installLanguage } from "./language.js";
import { makeChecker } from "./messages.js";
import { readReport, reportText } from "./report.js";
import { editorSchema, typeSchema, unwrap } from "./schema.js";
import { element, download, openBatch, today } from "./dom.js";
import { ReadProblem, dump, parse } from "./yamlio.js";
import { readmeText, townZip } from "./zip.js";

// The fields the page asks for above the form; everything else is rendered from the schema.
const HEADER = ["schema_version", "type", "city", "district", "batch"];
const SCRIPT_URL = document.currentScript ? document.currentScript.src : window.location.href;

class ApplyForm {
  constructor(root, data) {
    this.root = root;
    this.data = data;
    this.schema = data.schema;
    this.check = makeChecker(this.schema);
    this.exact = new Map();
    this.showAll = false;
    installLanguage(JSONEditor);
    const draft = loadDraft();
    this.state = draft || this.fresh(this.data.types[0].id);
    this.render();
  }

  fresh(type) {
    const batch = openBatch(this.data.batches, today());
    return { type, header: { city: "", district: "", batch: batch.current ? batch.current.year : null }, value: { filing_date: today() }, report: {}, exact: [] };
  }

  get type() {
    return this.state.type;
  }

  // ---- layout --------------------------------------------------------------------------

  render() {
    this.root.replaceChildren();
    this.status = element("p", { class: "towns-apply-status", role: "status", "aria-live": "polite" });
    this.root.append(this.batchNotice(), this.toolbar(), this.status, this.headerFields(), this.summaryBox());
    this.root.append(element("h2", { id: "towns-apply-form" }, "申报表"));
    this.editorHolder = element("div", { class: "towns-apply-editor" });
    this.root.append(this.editorHolder);
    this.root.append(element("h2", { id: "towns-apply-report" }, "申请报告"));
    this.reportHolder = element("div", { class: "towns-apply-report" });
    this.root.append(this.reportHolder, this.handIn());
    this.buildEditor();
    this.buildReport();
  }

  batchNotice() {
    const { current, next } = openBatch(this.data.batches, today());
    const box = element("div", { class: "towns-apply-notice", role: "note" });
    if (current) {
      box.append(`当前受理 ${current.year} 年批次的申报，受理时间 ${current.opens} 至 ${current.closes}（含首尾两日）。`);
    } else if (next) {
      box.append(
        `目前没有正在受理的申报批次。${next.year} 年批次将于 ${next.opens} 开始受理（至 ${next.closes}）。` +
          "您可以先填写并保存草稿，受理开始后再下载材料提交。",
      );
    } else {
      box.append(
        `目前没有正在受理的申报批次，也没有已公布的下一批次。您可以先填写并保存草稿（或导出申报表），` +
          `请关注${this.data.province.authority_short}发布的申报通知，受理开始后再提交。`,
      );
    }
    return box;
  }

  toolbar() {
    const bar = element("div", { class: "towns-apply-toolbar" });
    const input = element("input", { type: "file", id: "towns-apply-import", accept: ".yaml,.yml,.txt,text/yaml", class: "towns-apply-file" });
    input.addEventListener("change", async () => {
      const file = input.files && input.files[0];
      input.value = "";
      if (file) this.say(await this.importFile(file));
    });
    const label = element("label", { for: "towns-apply-import", class: "md-button" }, "导入申报表");
    bar.append(input, label);
    bar.append(this.button("导出申报表", () => this.exportYaml()));
    bar.append(this.button("下载申报材料（ZIP）", () => this.downloadZip(), "md-button md-button--primary"));
    bar.append(this.button("清空草稿", () => this.clear()));
    return bar;
  }

  button(text, onClick, cls = "md-button") {
    const b = element("button", { type: "button", class: cls }, text);
    b.addEventListener("click", onClick);
    return b;
  }

  headerFields() {
    const branch = typeSchema(this.schema, this.state.type);
    const prop = (key) => unwrap(this.schema, branch.properties[key]).schema;
    const box = element("fieldset", { class: "towns-apply-header" });
    box.append(element("legend", {}, "申报类型和所在地"));
    const typeGroup = element("div", { class: "towns-apply-types", role: "radiogroup", "aria-labelledby": "towns-apply-type-label" });
    typeGroup.append(element("span", { id: "towns-apply-type-label", class: "towns-apply-label" }, prop("type").title));
    for (const t of this.data.types) {
      const id = `towns-apply-type-${t.id}`;
      const radio = element("input", { type: "radio", name: "towns-apply-type", id, value: t.id });
      radio.checked = t.id === this.state.type;
      radio.addEventListener("change", () => this.switchType(t.id));
      typeGroup.append(element("label", { for: id, class: "towns-apply-radio" }, radio, `${t.name}`));
    }
    box.append(typeGroup);
    this.citySelect = this.select("city", prop("city"), this.data.cities.map((c) => [c.name, c.name]), this.state.header.city);
    this.touched = new Set();
    this.citySelect.addEventListener("change", () => {
      this.touched.add("city");
      this.state.header.city = this.citySelect.value;
      this.state.header.district = "";
      this.fillDistricts();
      this.rebuildEditor();
    });
    this.districtSelect = this.select("district", prop("district"), [], this.state.header.district);
    this.districtSelect.addEventListener("change", () => {
      this.touched.add("district");
      this.state.header.district = this.districtSelect.value;
      this.changed();
    });
    const batchOptions = this.data.batches.map((b) => [b.year, `${b.year} 年（${b.opens} 至 ${b.closes}）`]);
    this.batchSelect = this.select("batch", prop("batch"), batchOptions, this.state.header.batch);
    this.batchSelect.addEventListener("change", () => {
      this.touched.add("batch");
      this.state.header.batch = this.batchSelect.value ? Number(this.batchSelect.value) : null;
      this.rebuildEditor();
    });
    box.append(this.citySelect.parentNode, this.districtSelect.parentNode, this.batchSelect.parentNode);
    this.fillDistricts();
    return box;
  }

  select(key, schema, options, value) {
    const id = `towns-apply-${key}`;
    const wrap = element("div", { class: "towns-apply-field", "data-field": key });
    const select = element("select", { id, name: key, "aria-describedby": `${id}-help ${id}-error` });
    select.append(element("option", { value: "" }, "请选择"));
    for (const [v, text] of options) select.append(element("option", { value: String(v) }, text));
    select.value = value === null || value === undefined ? "" : String(value);
    wrap.append(element("label", { for: id }, schema.title), select);
    wrap.append(element("p", { id: `${id}-help`, class: "towns-apply-help" }, schema.description || ""));
    wrap.append(element("p", { id: `${id}-error`, class: "towns-apply-error" }));
    return select;
  }

  fillDistricts() {
    const city = this.data.cities.find((c) => c.name === this.state.header.city);
    const select = this.districtSelect;
    select.replaceChildren(element("option", { value: "" }, city ? "请选择" : "请先选择所在地级以上市"));
    const names = city ? city.districts.map((d) => d.name) : [];
    for (const name of names) select.append(element("option", { value: name }, name));
    const current = this.state.header.district;
    if (current && !names.includes(current)) select.append(element("option", { value: current }, `${current}（不在名单中）`));
    select.value = current || "";
  }

  summaryBox() {
    this.summary = element("section", { class: "towns-apply-summary", "aria-labelledby": "towns-apply-summary-title" });
    return this.summary;
  }

  handIn() {
    const box = element("section", { class: "towns-apply-handin", "aria-labelledby": "towns-apply-handin-title" });
    const guide = new URL("../../guide/web/", window.location.href).href;
    box.append(
      element("h2", { id: "towns-apply-handin-title" }, "下载和提交"),
      element(
        "p",
        {},
        "填写完成后下载申报材料（ZIP）。解压后把附件放进其中的 attachments 文件夹，再按",
        element("a", { href: guide }, "不用 Git 提交申报"),
        "的步骤，在 GitHub 网页上上传并创建 Pull Request；提交后自动检查会在几分钟内给出结果。",
      ),
    );
    box.append(this.button("下载申报材料（ZIP）", () => this.downloadZip(), "md-button md-button--primary"));
    return box;
  }

  // ---- the editor ----------------------------------------------------------------------

  region() {
    const city = this.data.cities.find((c) => c.name === this.state.header.city);
    return city ? city.region : this.data.regions[0].id;
  }

  requirements() {
    const batch = this.data.batches.find((b) => b.year === this.state.header.batch) || openBatch(this.data.batches, today()).latest;
    const set = batch && this.data.requirements[batch.rules];
    return set ? set[this.state.type][this.region()] : null;
  }

  buildEditor() {
    const schema = editorSchema(this.schema, this.state.type, {
      omit: HEADER,
      valueNameGroups: this.data.value_names,
      requirements: this.requirements(),
    });
    this.editorHolder.replaceChildren();
    this.editor = new JSONEditor(this.editorHolder, {
      schema,
      theme: "towns",
      iconlib: null,
      startval: this.state.value,
      disable_edit_json: true,
      disable_properties: true,
      disable_collapse: true,
      disable_array_delete_all_rows: true,
      disable_array_delete_last_row: true,
      prompt_before_delete: false,
      show_errors: "interaction",
      // With false, the editor empties a number field when the value is set before any typing.
      use_default_values: true,
      remove_empty_properties: false,
      no_additional_properties: true,
      keep_oneof_values: false,
      array_controls_top: false,
    });
    this.editor.on("ready", () => {
      // The editor's own validator (English messages) is replaced by the Ajv check in changed().
      this.editor.validator.validate = () => [];
      this.ready = true;
      this.editor.on("change", () => this.changed());
      this.changed();
    });
    this.editorHolder.addEventListener("input", (e) => this.typing(e));
  }

  rebuildEditor() {
    if (this.editor) this.state.value = this.editor.getValue();
    this.ready = false;
    if (this.editor) this.editor.destroy();
    this.buildEditor();
  }

  /** Check as the applicant types: a pause of 200 ms counts as a change (the editor waits for blur). */
  typing(event) {
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
    if (this.typingTarget && this.typingTarget !== target) this.flushTyping();
    clearTimeout(this.typingTimer);
    this.typingTarget = target;
    this.typingTimer = setTimeout(() => this.flushTyping(), 200);
  }

  flushTyping() {
    const target = this.typingTarget;
    clearTimeout(this.typingTimer);
    this.typingTarget = null;
    if (target && target.isConnected) target.dispatchEvent(new Event("change", { bubbles: true }));
  }

  switchType(type) {
    if (type === this.state.type) return;
    if (this.editor) this.state.value = this.editor.getValue();
    this.state.type = type;
    this.render();
  }

  // ---- checking and saving -------------------------------------------------------------

  declaration() {
    const value = this.ready ? this.editor.getValue() : this.state.value;
    const branch = typeSchema(this.schema, this.state.type);
    const { city, district, batch } = this.state.header;
    const whole = { ...value, schema_version: 1, type: this.state.type, city, district, batch };
    return toDeclaration(this.schema, branch, whole);
  }

  errors() {
    const declaration = this.declaration();
    const found = [...this.check(declaration), ...this.placeErrors(declaration)];
    // An empty field is "必须填写", not also "请从可选项中选择" or "不应少于 1 个字符".
    const empty = new Set(found.filter((e) => e.message === "必须填写").map((e) => e.field));
    const seen = new Set();
    return found.filter((e) => {
      const key = `${e.field}\u0000${e.message}`;
      if (seen.has(key) || (empty.has(e.field) && e.message !== "必须填写")) return false;
      seen.add(key);
      return true;
    });
  }

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
  }

  changed() {
    if (!this.ready) return;
    this.labelRowButtons();
    this.state.value = this.editor.getValue();
    const errors = this.errors();
    this.showErrors(errors);
    if (!saveDraft({ ...this.state, exact: [...this.exact] })) {
      this.say("浏览器不允许保存草稿（可能处于无痕模式或存储空间已满），请及时点“导出申报表”保存。");
    }
  }

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
  }

  showErrors(errors) {
    const inEditor = errors
      .filter((e) => !HEADER.includes(e.path[0]))
      .map((e) => ({ path: ["root", ...e.path].join("."), property: "", message: e.message }));
    if (this.showAll) this.editor.options.show_errors = "always";
    this.editor.root.showValidationErrors(inEditor);
    this.editor.options.show_errors = "interaction";
    for (const key of ["city", "district", "batch"]) {
      const touched = this.showAll || (this.touched && this.touched.has(key));
      const mine = touched ? errors.filter((e) => e.path[0] === key) : [];
      const box = this.root.querySelector(`#towns-apply-${key}-error`);
      if (box) box.textContent = mine.map((e) => e.message).join("；");
      const select = this.root.querySelector(`#towns-apply-${key}`);
      if (select) select.setAttribute("aria-invalid", mine.length ? "true" : "false");
    }
    this.renderSummary(errors);
  }

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
  }

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
  }

  say(text) {
    this.status.textContent = text;
  }

  // ---- import and export ---------------------------------------------------------------

  async importFile(file) {
    if (file.size > this.data.limits.declaration_max_bytes) {
      return `“${file.name}”太大（${file.size} 字节），申报表不能超过 ${this.data.limits.declaration_max_bytes} 字节。草稿没有改动。`;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    let text;
    try {
      if (bytes.includes(0)) throw new Error("binary");
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return `“${file.name}”不是 UTF-8 编码的文本文件（可能是 Word、PDF、图片，或 GBK 编码的文件），无法导入。草稿没有改动。`;
    }
    const result = this.load(text);
    return result.ok ? `已导入“${file.name}”。${result.message}` : `无法导入“${file.name}”：${result.message}草稿没有改动。`;
  }

  /** Fill the form from YAML text; the draft changes only when the whole file was understood. */
  load(text) {
    let tree;
    try {
      tree = parse(text.replace(/^\uFEFF/, ""), { ...this.data.limits, max_yaml_depth: 20 });
    } catch (e) {
      if (e instanceof ReadProblem) return { ok: false, message: `${e.message}。` };
      throw e;
    }
    const type = this.typeOf(tree);
    if (!type) {
      return { ok: false, message: "这不是互联网+小镇申报表：文件中没有“type: industry”（产业型）或“type: application”（应用型）。" };
    }
    const branch = typeSchema(this.schema, type);
    const { value, exact, dropped } = fromTree(this.schema, branch, tree);
    const header = { city: value.city ?? "", district: value.district ?? "", batch: value.batch ?? null };
    for (const key of HEADER) delete value[key];
    this.state = { type, header, value, report: this.state.report || {}, exact: [...exact] };
    this.exact = exact;
    this.showAll = true;
    this.render();
    const notes = dropped.length ? `以下内容不是申报表的字段，表单无法显示，导出时不会保留：${dropped.join("、")}。` : "";
    return { ok: true, message: notes, dropped };
  }

  typeOf(tree) {
    if (tree.kind !== "map") return null;
    const entry = tree.children.find(([k]) => k === "type");
    const value = entry && entry[1].kind === "str" ? entry[1].value : null;
    return this.data.types.some((t) => t.id === value) ? value : null;
  }

  /** The declaration as YAML text. */
  dump() {
    const declaration = this.declaration();
    const branch = typeSchema(this.schema, this.state.type);
    const comments = Object.fromEntries(
      Object.keys(declaration).map((k) => [k, k in branch.properties ? unwrap(this.schema, branch.properties[k]).schema.title : ""]),
    );
    const kind = this.data.types.find((t) => t.id === this.state.type).name;
    const header = [this.data.yaml_header, `# 互联网+小镇（${kind}）申报表，由网站“在线填写申报表”生成；可在该页面导入后继续修改。`];
    return dump(declaration, { exact: this.exact, comments, header });
  }

  exportYaml() {
    download(new TextEncoder().encode(this.dump()), "declaration.yaml", "text/yaml");
    this.say("已导出申报表 declaration.yaml。换电脑时在本页点“导入申报表”即可继续填写。");
  }

  downloadZip() {
    this.showAll = true;
    this.changed();
    const declaration = this.declaration();
    const city = this.data.cities.find((c) => c.name === declaration.city);
    if (!city || !declaration.id) {
      this.say("请先选择所在地级以上市并填写小镇编号，再下载申报材料。");
      this.focusField(city ? ["id"] : ["city"]);
      return;
    }
    const outline = this.data.outline[this.state.type];
    const report = reportText(outline, declaration.name, this.reportTexts());
    const readme = readmeText({
      name: declaration.name,
      city: city.slug,
      town: declaration.id,
      declaration,
      kinds: this.data.attachments.kinds,
      types: this.data.attachments.types,
      maxBytes: this.data.attachments.max_bytes,
      guideUrl: new URL("../../guide/web/", window.location.href).href,
    });
    const bytes = townZip({ city: city.slug, town: declaration.id, declaration: this.dump(), report, readme });
    download(bytes, `${declaration.id}.zip`, "application/zip");
    const left = this.errors().length;
    this.say(left ? `已下载申报材料；申报表还有 ${left} 处需要填写或修改（见上方清单），修改后请重新下载。` : "已下载申报材料。");
  }

  clear() {
    if (!window.confirm("清空后，本浏览器中保存的草稿将被删除，且无法恢复。确定清空吗？")) return;
    clearDraft();
    this.exact = new Map();
    this.showAll = false;
    this.state = this.fresh(this.state.type);
    this.render();
    this.say("草稿已清空。");
  }

  // ---- the report ----------------------------------------------------------------------

  reportTexts() {
    return this.state.report[this.state.type] || [];
  }

  buildReport() {
    const outline = this.data.outline[this.state.type];
    const holder = this.reportHolder;
    holder.replaceChildren(
      element("p", {}, "每个标题一个文本框，按提纲逐节撰写；框下的文字是该节应写的内容。标题由页面自动加上，不用输入。"),
    );
    const input = element("input", { type: "file", id: "towns-apply-report-import", accept: ".md,.txt,text/markdown", class: "towns-apply-file" });
    input.addEventListener("change", async () => {
      const file = input.files && input.files[0];
      input.value = "";
      if (file) this.say(await this.importReport(file));
    });
    holder.append(input, element("label", { for: "towns-apply-report-import", class: "md-button" }, "导入已有的 report.md"));
    const texts = this.reportTexts();
    outline.headings.forEach((heading, i) => {
      const id = `towns-apply-report-${i}`;
      const Tag = heading.level <= 2 ? "h3" : "h4";
      holder.append(element(Tag, {}, element("label", { for: id }, heading.text)));
      const area = element("textarea", { id, rows: "5", "aria-describedby": heading.guidance ? `${id}-help` : null });
      area.value = texts[i] || "";
      area.addEventListener("input", () => {
        const all = this.reportTexts().slice();
        all[i] = area.value;
        this.state.report = { ...this.state.report, [this.state.type]: all };
        saveDraft({ ...this.state, exact: [...this.exact] });
      });
      holder.append(area);
      if (heading.guidance) holder.append(element("p", { id: `${id}-help`, class: "towns-apply-help" }, heading.guidance));
    });
  }

  async importReport(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return `“${file.name}”不是 UTF-8 编码的文本文件，无法导入。申请报告没有改动。`;
    }
    const texts = readReport(this.data.outline[this.state.type], text);
    if (!texts) return `“${file.name}”中没有找到申请报告提纲中的标题，无法导入。申请报告没有改动。`;
    this.state.report = { ...this.state.report, [this.state.type]: texts };
    saveDraft({ ...this.state, exact: [...this.exact] });
    this.buildReport();
    return `已导入“${file.name}”中的申请报告。`;
  }
}

async function start() {
  const root = document.getElementById("towns-apply");
  if (!root) return;
  try {
    const response = await fetch(new URL("../form-data.json", SCRIPT_URL));
    if (!response.ok) throw new Error(String(response.status));
    const form = new ApplyForm(root, await response.json());
    window.townsForm = {
      load: (text) => form.load(text),
      dump: () => form.dump(),
      errors: () => form.errors().map(({ field, title, message }) => ({ field, message: `${title}${message}` })),
      get type() {
        return form.type;
      },
      set type(value) {
        form.switchType(value);
      },
      report: () => reportText(form.data.outline[form.type], form.declaration().name, form.reportTexts()),
    };
    window.dispatchEvent(new Event("towns-form-ready"));
  } catch (e) {
    root.replaceChildren(element("p", { class: "towns-apply-notice" }, "申报表加载失败，请刷新页面重试。"));
    throw e;
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
