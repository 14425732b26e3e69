// Between the three shapes a declaration takes here: the tree `yamlio.parse` reads (values typed
// as the checker types them), the plain object the editor holds, and the ordered object that is
// validated and written back. Each step follows the declaration schema.

import { deref, schemaAt, typesOf, unwrap } from "./schema.js";
import { dotted, exactAsNumber, pythonDecimalText, pythonIntText } from "./yamlio.js";

/**
 * The editor's value for a parsed file: numbers stay numbers where a number is expected and
 * become the text the checker would make of them where text is expected (`13800138000`).
 * Returns {value, exact, dropped}: `exact` keeps digits a JavaScript number cannot hold, `dropped`
 * lists the fields that are not part of the declaration (the form cannot show them).
 */
export function fromTree(root, node, tree) {
  const exact = new Map();
  const dropped = [];
  const value = convert(root, node, tree, [], { exact, dropped });
  return { value, exact, dropped };
}

function convert(root, node, tree, path, ctx) {
  const schema = node ? unwrap(root, node).schema : null;
  const kinds = typesOf(schema);
  if (tree.kind === "map") return mapping(root, schema, tree, path, ctx);
  if (tree.kind === "seq") {
    const items = schema && schema.items ? schema.items : null;
    return tree.children.map((child, i) => convert(root, items, child, [...path, i], ctx));
  }
  if (tree.kind === "int" || tree.kind === "decimal") {
    if (kinds.includes("string") && !kinds.includes("number") && !kinds.includes("integer")) {
      return tree.kind === "int" ? pythonIntText(tree.text) : pythonDecimalText(tree.text);
    }
    if (!exactAsNumber(tree.text)) ctx.exact.set(dotted(path), tree.text);
    return tree.value;
  }
  return tree.value;
}

function mapping(root, schema, tree, path, ctx) {
  const out = {};
  const known = schema && schema.properties ? schema.properties : null;
  for (const [key, child] of tree.children) {
    if (known && !Object.hasOwn(known, key)) {
      ctx.dropped.push(dotted([...path, key]));
      continue;
    }
    const value = convert(root, known ? known[key] : null, child, [...path, key], ctx);
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * The declaration to validate and write: the schema's field order, the page's own fields merged
 * in, optional fields left out when empty, required ones kept (empty) so the file shows them.
 */
export function toDeclaration(root, branch, value) {
  return ordered(root, branch, value, true);
}

function ordered(root, node, value, required) {
  const { schema, nullable } = unwrap(root, node);
  const kinds = typesOf(schema);
  if (isEmpty(value)) {
    if (!required || nullable) return undefined;
    if (kinds.includes("string") && value === "") return "";
    if (kinds.includes("array") && Array.isArray(value)) return [];
    if (kinds.includes("object") && value && typeof value === "object" && !Array.isArray(value)) {
      return orderedObject(root, schema, value);
    }
    return null;
  }
  if (Array.isArray(value)) return value.map((item) => ordered(root, schema.items || {}, item, true));
  if (value && typeof value === "object" && kinds.includes("object")) return orderedObject(root, schema, value);
  return value;
}

function orderedObject(root, schema, value) {
  const out = {};
  const props = schema.properties || {};
  const needed = new Set(schema.required || []);
  // Fixed values (the format version, the town type) open the file, as in the templates.
  const fixed = Object.keys(props).filter((k) => props[k].const !== undefined);
  for (const key of [...fixed, ...Object.keys(props).filter((k) => !fixed.includes(k))]) {
    const item = ordered(root, props[key], value[key], needed.has(key));
    if (item !== undefined) out[key] = item;
  }
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(props, key) && value[key] !== undefined) out[key] = value[key];
  }
  return out;
}

function isEmpty(value) {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(isEmpty);
  return false;
}

/** ``value`` without the properties ``node``'s schema does not have, at any depth. */
export function prune(root, node, value) {
  const { schema } = unwrap(root, node);
  if (Array.isArray(value)) return schema && schema.items ? value.map((v) => prune(root, schema.items, v)) : value;
  if (value === null || typeof value !== "object" || !schema || !schema.properties) return value;
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    if (Object.hasOwn(schema.properties, key)) out[key] = prune(root, schema.properties[key], item);
  }
  return out;
}

/** The Chinese title of the field at ``path``, with list items as ordinals: 企业名单第 2 项「企业名称」. */
export function fieldTitle(root, branch, path) {
  let here = deref(root, branch);
  const words = [];
  for (const part of path) {
    if (typeof part === "number") {
      words.push(`第 ${part + 1} 项`);
      here = here && here.items ? unwrap(root, here.items).schema : null;
    } else {
      here = here && here.properties && here.properties[part] ? unwrap(root, here.properties[part]).schema : null;
      words.push(`「${(here && here.title) || part}」`);
    }
  }
  return words.join("").replace(/」「/g, "」中的「");
}

export { schemaAt };
