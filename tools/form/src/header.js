// The top of the form: the batch open today, the town type, the city and district (choices from
// the program data) and the batch. These fields are the page's own; the rest is the editor's.

import { element, openBatch, today } from "./dom.js";
import { typeSchema, unwrap } from "./schema.js";

// The fields the page asks for above the form; everything else is rendered from the schema.
export const HEADER = ["schema_version", "type", "city", "district", "batch"];

/** Methods of the form page (`ApplyForm`), mixed into its prototype. */
export const headerMethods = {
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
  },

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
  },

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
  },

  fillDistricts() {
    const city = this.data.cities.find((c) => c.name === this.state.header.city);
    const select = this.districtSelect;
    select.replaceChildren(element("option", { value: "" }, city ? "请选择" : "请先选择所在地级以上市"));
    const names = city ? city.districts.map((d) => d.name) : [];
    for (const name of names) select.append(element("option", { value: name }, name));
    const current = this.state.header.district;
    if (current && !names.includes(current)) select.append(element("option", { value: current }, `${current}（不在名单中）`));
    select.value = current || "";
  },
};
