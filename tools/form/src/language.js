// JSON Editor in Chinese, with a theme that keeps the site's look and is accessible: headings
// for sections, requirement lines set apart in descriptions, error messages tied to their field
// (aria-describedby, aria-invalid) instead of announced on every key press.

const WORDS = {
  button_add_row_title: "添加一行",
  button_delete_row_title: "删除此行",
  button_delete_row_title_short: "删除",
  button_move_down_title: "下移",
  button_move_up_title: "上移",
  button_delete_all: "全部",
  button_delete_all_title: "全部删除",
  button_delete_last: "最后一行",
  button_delete_last_title: "删除最后一行",
  button_copy_row_title: "复制此行",
  button_copy_row_title_short: "复制",
  button_collapse: "收起",
  button_expand: "展开",
  button_add: "添加",
  button_save: "保存",
  button_cancel: "取消",
  button_delete_node_warning: "确定删除这一行吗？",
  table_controls: "操作",
  default_array_item_title: "项",
};

/** Text of a string that may hold markup, parsed where nothing loads or runs. */
function inertText(text) {
  return new DOMParser().parseFromString(String(text), "text/html").body.textContent || "";
}

export function installLanguage(JSONEditor) {
  // The editor "cleans" every value by parsing it as HTML in a live element: an imported
  // `<img src=x onerror=…>` would run, and any text in angle brackets would be cut. Values go into
  // fields as they are (fields show text, never markup); titles are read in an inert document.
  JSONEditor.AbstractEditor.prototype.purify = (value) => value;
  JSONEditor.AbstractEditor.prototype.cleanText = inertText;
  // An empty field stays empty: no 0 in a number the applicant has not typed, no first option
  // chosen for them, no "否" they did not pick. (The editor's own defaults fill them in.)
  const base = JSONEditor.AbstractEditor.prototype;
  const getDefault = base.getDefault;
  base.isDefaultRequired = () => false;
  base.getDefault = function emptyDefault() {
    if (this.schema && this.schema.options && this.schema.options.has_placeholder_option) return undefined;
    return getDefault.call(this);
  };
  JSONEditor.defaults.languages.zh = { ...JSONEditor.defaults.languages.en, ...WORDS };
  JSONEditor.defaults.language = "zh";
  const Html = JSONEditor.defaults.themes.html;
  JSONEditor.defaults.themes.towns = class TownsTheme extends Html {
    cleanText(text) {
      return inertText(text);
    }

    getDescription(text) {
      const el = document.createElement("div");
      el.classList.add("towns-apply-help");
      for (const line of String(text).split("\n")) {
        const p = document.createElement("p");
        if (line.startsWith("要求：") || line.startsWith("申报条件")) p.classList.add("towns-apply-requirement");
        p.textContent = line;
        el.append(p);
      }
      return el;
    }

    getFormInputDescription(text) {
      return this.getDescription(text);
    }

    getHeader(text, depth) {
      // depth counts "root": the form's sections (root.spatial_layout) are level 3, under the page's h2.
      const el = document.createElement(depth <= 2 ? "h3" : "h4");
      el.classList.add("je-header");
      if (typeof text === "string") el.textContent = text;
      else el.append(text);
      return el;
    }

    addInputError(input, text) {
      const group = this.closest(input, ".form-control") || input.controlgroup;
      if (!input.errmsg) {
        input.errmsg = document.createElement("p");
        input.errmsg.className = "towns-apply-error";
        input.errmsg.id = `${input.id || input.name || Math.random().toString(36).slice(2)}-error`;
        if (group) group.append(input.errmsg);
        const described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        input.setAttribute("aria-describedby", [...described, input.errmsg.id].join(" "));
      }
      input.errmsg.hidden = false;
      // The editor joins an editor's messages with ". " and ends them with "."
      input.errmsg.textContent = String(text).replace(/\.$/, "").split(". ").join("；");
      input.setAttribute("aria-invalid", "true");
    }

    removeInputError(input) {
      if (input.errmsg) input.errmsg.hidden = true;
      input.removeAttribute("aria-invalid");
    }
  };
}
