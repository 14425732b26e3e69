// Checking a declaration against the published JSON Schema with Ajv (draft 2020-12, as CI
// publishes it; compiled to code when the page's script is built, see build.mjs) and saying what
// is wrong in Chinese: ajv-i18n's message, named by the field's Chinese title, with plainer words
// where its wording is for programmers (types, patterns).

import localize from "ajv-i18n/localize/zh/index.js";
import * as compiled from "towns:validators";

import { fieldTitle, schemaAt } from "./convert.js";
import { deref } from "./schema.js";
import { dotted } from "./yamlio.js";

const TYPE_WORDS = {
  number: "数字",
  integer: "整数",
  string: "文字",
  boolean: "“是”或“否”",
  array: "列表",
  object: "一组内容",
  null: "空",
};

const DATE_MESSAGE = "请填写有效的日期，格式为 YYYY-MM-DD";

/** Does ``text`` name a real day? (The schema's format only gives the shape: YYYY-MM-DD.) */
export function validDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return day.getUTCFullYear() === Number(m[1]) && day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
}

/**
 * A checker of declarations; `check(declaration)` → [{path, field, title, message}]. Each town
 * type has its own validator, for its branch of the schema's ``oneOf``; a declaration of no known
 * type is checked as the first.
 */
export function makeChecker(root) {
  const branches = new Map();
  for (const option of root.oneOf || []) {
    const branch = deref(root, option);
    const tag = branch.properties && deref(root, branch.properties.type);
    if (tag && compiled[tag.const]) branches.set(tag.const, { branch, validate: compiled[tag.const] });
  }
  const fallback = branches.values().next().value;
  return function check(declaration) {
    const { branch, validate } = branches.get(declaration && declaration.type) || fallback;
    if (validate(declaration)) return [];
    const errors = relevant(validate.errors);
    localize(errors);
    return errors.map((e) => explain(root, branch, e, declaration));
  };
}

/** Dates of the right shape that name no day (2018-02-30), which the checker refuses. */
export function dateErrors(root, branch, declaration) {
  const out = [];
  for (const [key, node] of Object.entries(branch.properties || {})) {
    const value = declaration[key];
    if (deref(root, node).format === "date" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !validDate(value)) {
      out.push({ path: [key], field: key, title: fieldTitle(root, branch, [key]), message: DATE_MESSAGE });
    }
  }
  return out;
}

/** An optional field fails both of its options; only the failure of the real one is useful. */
function relevant(errors) {
  const byPath = new Map();
  for (const e of errors) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) || []), e]);
  return errors.filter((e) => {
    if (e.keyword === "anyOf" || e.keyword === "oneOf") return false;
    if (e.keyword === "type" && e.params.type === "null") return byPath.get(e.instancePath).length === 1;
    return true;
  });
}

function pathOf(error) {
  const parts = error.instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (error.keyword === "required") parts.push(error.params.missingProperty);
  if (error.keyword === "additionalProperties") parts.push(error.params.additionalProperty);
  return parts;
}

function explain(root, branch, e, declaration) {
  const path = pathOf(e);
  const node = schemaAt(root, branch, path) || {};
  const data = valueAt(declaration, path);
  return { path, field: dotted(path), title: fieldTitle(root, branch, path), message: wording(e, node, data) };
}

function valueAt(value, path) {
  return path.reduce((at, key) => (at !== null && typeof at === "object" ? at[key] : undefined), value);
}

function wording(e, node, data) {
  switch (e.keyword) {
    case "required":
      return "必须填写";
    case "type":
      if (data === null || data === undefined) return "必须填写";
      return `应填写${TYPE_WORDS[e.params.type] || e.params.type}`;
    case "minLength":
      return e.params.limit === 1 ? "必须填写" : e.message;
    case "pattern":
      return node.description ? `格式不正确（${node.description}）` : "格式不正确";
    case "enum":
    case "const":
      return "请从可选项中选择";
    case "format":
      return e.params.format === "date" ? DATE_MESSAGE : e.message;
    case "minimum":
      return `不能小于 ${e.params.limit}`;
    case "exclusiveMinimum":
      return `必须大于 ${e.params.limit}`;
    case "maximum":
      return `不能大于 ${e.params.limit}`;
    case "exclusiveMaximum":
      return `必须小于 ${e.params.limit}`;
    case "minItems":
      return `至少填写 ${e.params.limit} 项`;
    case "additionalProperties":
      return "不是申报表中的字段";
    default:
      return e.message;
  }
}
