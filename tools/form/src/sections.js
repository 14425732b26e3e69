// The form's editor, one JSON Editor per section of the declaration (基本情况, 工作机制, …),
// built one section per task: the page keeps taking input while the later sections are built,
// instead of freezing for the whole form on a slow phone. Each section's schema keeps the field
// at its place in the declaration (root.spatial_layout.planned_area_mu), so names, ids and error
// paths are those of one form.

import { JSONEditor } from "@json-editor/json-editor/src/core.js";

import { element } from "./dom.js";

const OPTIONS = {
  theme: "towns",
  iconlib: null,
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
};

export class SectionEditors {
  /** ``schema`` is the whole editor schema (an object); ``onChange`` runs after any edit. */
  constructor(holder, schema, value, onChange) {
    this.holder = holder;
    this.schema = schema;
    this.value = value || {};
    this.onChange = onChange;
    this.editors = new Map(); // only sections that are ready
    this.destroyed = false;
  }

  /** Build every section, one per task; resolves when all are ready. */
  build() {
    this.holder.replaceChildren();
    const keys = Object.keys(this.schema.properties);
    return keys.reduce((previous, key) => previous.then(() => this.section(key)), Promise.resolve());
  }

  section(key) {
    return new Promise((resolve) => {
      setTimeout(() => {
        if (this.destroyed) return resolve();
        const holder = element("div", { class: "towns-apply-section", "data-section": key });
        this.holder.append(holder);
        const schema = { ...this.schema, properties: { [key]: this.schema.properties[key] }, required: [key] };
        const start = this.value[key] === undefined ? {} : { [key]: this.value[key] };
        const editor = new JSONEditor(holder, { ...OPTIONS, schema, startval: start });
        this.building = editor;
        editor.on("ready", () => {
          // The editor's own validator (English messages) is replaced by the page's Ajv check.
          editor.validator.validate = () => [];
          editor.on("change", () => this.onChange());
          this.building = null;
          if (this.destroyed) editor.destroy();
          else this.editors.set(key, editor);
          resolve();
        });
      }, 0);
    });
  }

  /** The declaration's value as the sections hold it, in the schema's order. */
  getValue() {
    const out = {};
    for (const [key, editor] of this.editors) Object.assign(out, editor.getValue());
    return out;
  }

  /** Show ``errors`` ({path, message}) beside their fields; ``all`` also for untouched fields. */
  showErrors(errors, all) {
    for (const [key, editor] of this.editors) {
      const mine = errors
        .filter((e) => e.path[0] === key)
        .map((e) => ({ path: ["root", ...e.path].join("."), property: "", message: e.message }));
      if (all) editor.options.show_errors = "always";
      editor.root.showValidationErrors(mine);
      editor.options.show_errors = "interaction";
    }
  }

  destroy() {
    this.destroyed = true;
    for (const editor of this.editors.values()) editor.destroy();
    this.editors.clear();
  }
}
