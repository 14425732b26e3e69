// The declaration form page: loads the program's form data, renders the form with JSON Editor,
// checks it with Ajv as it is typed (checking.js), keeps the draft in the browser, imports and
// exports declaration.yaml and downloads the town's folder as a ZIP (transfer.js), writes
// report.md (reportui.js). The page's own fields above the form are in header.js.
// `window.townsForm` = {load(yamlText), dump(), errors(), type} is for tests and power users.

import { JSONEditor } from "@json-editor/json-editor/src/core.js";

import { checkingMethods } from "./checking.js";
import { element, openBatch, today } from "./dom.js";
import { clearDraft, loadDraft } from "./draft.js";
import { HEADER, headerMethods } from "./header.js";
import { installLanguage } from "./language.js";
import { makeChecker } from "./messages.js";
import { reportText } from "./report.js";
import { reportMethods } from "./reportui.js";
import { prune } from "./convert.js";
import { editorSchema, typeSchema } from "./schema.js";
import { SectionEditors } from "./sections.js";
import { transferMethods } from "./transfer.js";
const SCRIPT_URL = document.currentScript ? document.currentScript.src : window.location.href;

class ApplyForm {
  constructor(root, data) {
    this.root = root;
    this.data = data;
    this.schema = data.schema;
    performance.mark("towns-form-data");
    this.checker = null;
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

  /** The schema validator, compiled when first needed (after the form can already take input). */
  get check() {
    if (!this.checker) {
      this.checker = makeChecker(this.schema);
      performance.mark("towns-form-checker");
    }
    return this.checker;
  }

  /** Resolves once the editor is built and its value checked. */
  whenReady() {
    return this.readyPromise;
  }

  // ---- layout --------------------------------------------------------------------------

  render() {
    if (this.sections) this.sections.destroy();
    this.sections = null;
    this.root.replaceChildren();
    this.status = element("p", { class: "towns-apply-status", role: "status", "aria-live": "polite" });
    this.root.append(this.batchNotice(), this.toolbar(), this.status, this.headerFields(), this.summaryBox());
    this.root.append(element("h2", { id: "towns-apply-form" }, "申报表"));
    this.editorHolder = element("div", { class: "towns-apply-editor" }, element("p", {}, "正在准备申报表……"));
    this.editorHolder.addEventListener("input", (e) => this.typing(e));
    this.root.append(this.editorHolder);
    this.root.append(element("h2", { id: "towns-apply-report" }, "申请报告"));
    this.reportHolder = element("div", { class: "towns-apply-report" });
    this.root.append(this.reportHolder, this.handIn());
    this.buildReport();
    // The header and the report take input at once; the editor is built in the next task.
    this.ready = false;
    clearTimeout(this.buildTimer);
    this.readyPromise = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
    this.buildTimer = setTimeout(() => {
      // The page has painted the header and yielded: from here it takes input.
      if (!performance.getEntriesByName("towns-form-interactive").length) performance.mark("towns-form-interactive");
      this.buildEditor();
    }, 0);
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
      requirements: this.requirements(),
      choices: { "attachments.kind": this.data.attachments.kinds },
    });
    const sections = new SectionEditors(this.editorHolder, schema, this.state.value, () => this.changed());
    this.sections = sections;
    sections.build().then(() => {
      if (this.sections !== sections) return;
      performance.mark("towns-form-editor");
      // Checking waits for the next task, so that the fields take input first.
      setTimeout(() => {
        if (this.sections !== sections) return;
        this.ready = true;
        this.changed();
        this.resolveReady();
      }, 0);
    });
  }

  destroyEditor() {
    if (this.sections && this.ready) this.state.value = this.sections.getValue();
    if (this.sections) this.sections.destroy();
    this.sections = null;
    this.ready = false;
  }

  rebuildEditor() {
    this.destroyEditor();
    this.readyPromise = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
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
    if (this.sections && this.ready) this.state.value = this.sections.getValue();
    // What the other type asks and this one does not (its summary counts) is left behind.
    this.state.value = prune(this.schema, typeSchema(this.schema, type), this.state.value);
    this.state.type = type;
    this.render();
  }

  say(text) {
    this.status.textContent = text;
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
}

Object.assign(ApplyForm.prototype, headerMethods, checkingMethods, transferMethods, reportMethods);

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
      whenReady: () => form.whenReady(),
      get type() {
        return form.type;
      },
      set type(value) {
        form.switchType(value);
      },
      report: () => reportText(form.data.outline[form.type], form.declaration().name, form.reportTexts()),
    };
    performance.mark("towns-form-ready");
    window.dispatchEvent(new Event("towns-form-ready"));
  } catch (e) {
    root.replaceChildren(element("p", { class: "towns-apply-notice" }, "申报表加载失败，请刷新页面重试。"));
    throw e;
  }
}

// The script comes after the page's content: start at once rather than after the whole document.
if (document.getElementById("towns-apply")) start();
else document.addEventListener("DOMContentLoaded", start);
