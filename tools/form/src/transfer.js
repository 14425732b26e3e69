// Import and export of declaration.yaml, and the town's folder as a ZIP. An import changes the
// draft only when the whole file was understood; every refusal says why, in Chinese.

import { fromTree } from "./convert.js";
import { download } from "./dom.js";
import { HEADER } from "./header.js";
import { reportText } from "./report.js";
import { typeSchema, unwrap } from "./schema.js";
import { ReadProblem, dump, parse } from "./yamlio.js";
import { readmeText, townZip } from "./zip.js";

/** Methods of the form page (`ApplyForm`), mixed into its prototype. */
export const transferMethods = {
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
  },

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
  },

  typeOf(tree) {
    if (tree.kind !== "map") return null;
    const entry = tree.children.find(([k]) => k === "type");
    const value = entry && entry[1].kind === "str" ? entry[1].value : null;
    return this.data.types.some((t) => t.id === value) ? value : null;
  },

  /** The declaration as YAML text. */
  dump() {
    const declaration = this.declaration();
    const branch = typeSchema(this.schema, this.state.type);
    const comments = Object.fromEntries(
      Object.keys(declaration).map((k) => [k, k in branch.properties ? unwrap(this.schema, branch.properties[k]).schema.title : ""]),
    );
    const kind = this.data.types.find((t) => t.id === this.state.type).name;
    const header = [this.data.yaml_header, `# 互联网+小镇（${kind}）申报表，由网站“在线填写申报表”生成；可在该页面导入后继续修改。`];
    const dateFields = new Set(
      Object.keys(declaration).filter((k) => k in branch.properties && unwrap(this.schema, branch.properties[k]).schema.format === "date"),
    );
    return dump(declaration, { exact: this.exact, comments, header, dateFields });
  },

  exportYaml() {
    download(new TextEncoder().encode(this.dump()), "declaration.yaml", "text/yaml");
    this.say("已导出申报表 declaration.yaml。换电脑时在本页点“导入申报表”即可继续填写。");
  },

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
  },
};
