// Reading the declaration schema (the one CI publishes, generated from the models) and deriving
// from it the schema the form editor renders. Titles, descriptions, units, value sets with their
// Chinese names, required fields and limits all come from the schema; the program data adds the
// requirement texts shown beside the fields.

/** The part of the schema ``node`` points to, following a local ``$ref``. */
export function deref(root, node) {
  let out = node;
  for (let hops = 0; out && out.$ref && hops < 32; hops += 1) {
    const parts = out.$ref.replace(/^#\//, "").split("/");
    const target = parts.reduce((at, key) => (at ? at[key] : undefined), root);
    const { $ref, ...rest } = out;
    out = { ...target, ...rest };
  }
  return out;
}

/** ``anyOf: [X, {type: null}]`` (an optional field) → {schema: X, nullable: true}. */
export function unwrap(root, node) {
  const here = deref(root, node);
  const options = here && here.anyOf;
  if (Array.isArray(options) && options.length === 2 && options.some((o) => o.type === "null")) {
    const inner = deref(root, options.find((o) => o.type !== "null"));
    const { anyOf, ...rest } = here;
    return { schema: { ...inner, ...rest }, nullable: true };
  }
  return { schema: here, nullable: false };
}

/** The declaration schema of one town type (the ``oneOf`` branch whose ``type`` is ``typeId``). */
export function typeSchema(root, typeId) {
  for (const option of root.oneOf || [root]) {
    const branch = deref(root, option);
    const tag = branch.properties && deref(root, branch.properties.type);
    if (tag && (tag.const === typeId || (tag.enum && tag.enum.includes(typeId)))) return branch;
  }
  throw new Error(`no declaration type ${typeId}`);
}

/** The schema of the value at ``path`` (keys and indexes) inside ``node``; null when none. */
export function schemaAt(root, node, path) {
  let here = unwrap(root, node).schema;
  for (const part of path) {
    if (!here) return null;
    if (typeof part === "number") here = here.items ? unwrap(root, here.items).schema : null;
    else here = here.properties && here.properties[part] ? unwrap(root, here.properties[part]).schema : null;
  }
  return here;
}

/** The JSON types a schema node accepts. */
export function typesOf(node) {
  if (!node) return [];
  if (Array.isArray(node.type)) return node.type;
  if (node.type) return [node.type];
  if (node.const !== undefined) return [typeof node.const === "number" ? "number" : typeof node.const];
  return [];
}

/** The Chinese names of an enumeration's values, as the schema gives them (`x-enumNames`). */
export function valueNames(node) {
  const values = node.enum || [];
  for (const key of ["x-enumNames", "enumDescriptions"]) {
    const names = node[key];
    if (Array.isArray(names) && names.length === values.length) {
      return Object.fromEntries(values.map((v, i) => [v, names[i]]));
    }
  }
  return Object.fromEntries(values.map((v) => [v, String(v)]));
}

const LONG_TEXT = 1000;

/**
 * The editor's schema for one town type: references inlined, optional fields unwrapped (empty
 * means absent), long texts as text areas, value sets with their Chinese names, lists of rows as
 * tables, and beside each section and field the requirement that applies to it.
 * ``omit`` are the top-level fields the page asks for itself (type, city, district, batch);
 * ``choices`` turns a text field into a choice from the program data: field path (without list
 * indexes, e.g. "attachments.kind") → [{id, name}].
 */
export function editorSchema(root, typeId, { omit, requirements, choices = {} }) {
  const branch = typeSchema(root, typeId);
  const properties = {};
  for (const [key, sub] of Object.entries(branch.properties)) {
    if (!omit.includes(key)) properties[key] = field(root, sub, [key], { requirements, choices });
  }
  return {
    type: "object",
    title: " ",
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
    options: { disable_collapse: true, disable_edit_json: true, disable_properties: true },
  };
}

// Every field is "required" for the editor, which otherwise drops an optional field the value
// lacks; what may be left empty is read from the published schema when the file is written,
// and said in the title.
function field(root, node, path, ctx, optional = false) {
  const { schema, nullable } = unwrap(root, node);
  const out = { ...schema };
  if ((optional || nullable) && out.title && !out.title.includes("选填") && typesOf(schema)[0] !== "object") {
    out.title = `${out.title}（选填）`;
  }
  delete out.examples;
  delete out.default;
  if (schema.default !== undefined && schema.default !== null) out.default = schema.default;
  const kinds = typesOf(schema);
  out.description = describe(schema, path, ctx.requirements, kinds);
  out.options = { ...(schema.options || {}) };
  if (kinds.includes("object") && schema.properties) {
    out.properties = {};
    const needed = new Set(schema.required || []);
    for (const [key, sub] of Object.entries(schema.properties)) {
      out.properties[key] = field(root, sub, [...path, key], ctx, !needed.has(key));
    }
    out.required = Object.keys(out.properties);
    out.options.disable_collapse = true;
    out.options.disable_edit_json = true;
    out.options.disable_properties = true;
  } else if (kinds.includes("array")) {
    out.items = field(root, schema.items, [...path, 0], ctx);
    out.items.title = schema.title;
    delete out.items.description;
    out.format = "table";
    out.options.disable_array_delete_all_rows = true;
    out.options.disable_array_delete_last_row = true;
    out.options.disable_array_copy = true;
  } else if (ctx.choices[dottedKey(path)]) {
    const options = ctx.choices[dottedKey(path)];
    out.enum = options.map((o) => o.id);
    out.options.enum_titles = options.map((o) => o.name);
    out.description = describe({ ...schema, enum: out.enum }, path, ctx.requirements, kinds);
    placeholder(out, schema, nullable);
  } else if (schema.enum) {
    const names = valueNames(schema);
    out.options.enum_titles = schema.enum.map((v) => names[v] || String(v));
    placeholder(out, schema, nullable);
  } else if (kinds.includes("boolean")) {
    out.format = "select";
    out.options.enum_titles = ["是", "否"];
    placeholder(out, schema, nullable);
  } else if (kinds.includes("string") && !schema.pattern && (schema.maxLength || 0) >= LONG_TEXT) {
    out.format = "textarea";
  } else if (kinds.includes("string") && schema.format === "date") {
    out.format = "date";
  }
  out.options.x_nullable = nullable;
  return out;
}

function dottedKey(path) {
  return path.filter((p) => typeof p !== "number").join(".");
}

function placeholder(out, schema, nullable) {
  if (schema.default === undefined || nullable) {
    out.options.has_placeholder_option = true;
    out.options.placeholder_option_text = nullable ? "（不填）" : "请选择";
  }
}

function describe(schema, path, requirements, kinds) {
  const parts = [];
  const own = plainDescription(schema, kinds);
  if (own) parts.push(own);
  const key = dottedKey(path);
  const section = path.length === 1 && requirements && requirements.sections[path[0]];
  if (section) parts.push(`申报条件（方案 ${section.clause}）：${section.text}`);
  const threshold = requirements && requirements.fields[key];
  if (threshold && !path.includes(0)) parts.push(`要求：${threshold}`);
  return parts.join("\n");
}

/**
 * A description without what only a YAML author needs: the list of value codes of a choice
 * ("issued：已出台；…", the form shows the names) and "填 true 或 false" for a yes/no question.
 */
function plainDescription(schema, kinds) {
  let text = schema.description || "";
  if (schema.enum) {
    const first = schema.enum.map((v) => text.indexOf(`${v}：`)).filter((i) => i >= 0);
    if (first.length === schema.enum.length) text = text.slice(0, Math.min(...first)).replace(/[：:；;，,\s]+$/, "");
  }
  if (kinds.includes("boolean")) text = text.replace(/，?填 true 或 false/, "");
  return text;
}
