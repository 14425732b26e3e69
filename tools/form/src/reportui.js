// The application report part of the page: one text area per heading of the official outline,
// the template's guidance under it, and import of an existing report.md.

import { element } from "./dom.js";
import { saveDraft } from "./draft.js";
import { readReport } from "./report.js";

/** Methods of the form page (`ApplyForm`), mixed into its prototype. */
export const reportMethods = {
  reportTexts() {
    return this.state.report[this.state.type] || [];
  },

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
  },

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
  },
};
