// Checking a declaration against the published JSON Schema with Ajv (draft 2020-12, as CI
// publishes it) and saying what is wrong in Chinese: ajv-i18n's message, named by the field's
// Chinese title, with plainer words where its wording is for programmers (types, patterns).

import Ajv2020 from "ajv/dist/2020.js";
import localize from "ajv-i18n/localize/zh/index.js";

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

function validDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return day.getUTCFullYear() === Number(m[1]) && day.getUTCMonth() === Number(m[2]) - 1 && day.getUTCDate() === Number(m[3]);
}

/**
 * A validator of the declaration schema; `check(declaration)` → [{path, field, title, message}].
 * Each town type is checked against its own branch of the schema's ``oneOf`` (what the schema's
 * discriminator on ``type`` selects), so the messages concern that type only.
 */
export function makeChecker(root) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, formats: { date: validDate } });
  const { discriminator, ...plain } = root;
  const id = root.$id || "declaration.schema.json";
  ajv.addSchema({ ...plain, $id: id });
  const byType = new Map();
  for (const option of root.oneOf || []) {
    const branch = deref(root, option);
    const tag = branch.properties && deref(root, branch.properties.type);
    if (tag && tag.const !== undefined) byType.set(tag.const, { branch, validate: ajv.compile({ $ref: `${id}${option.$ref}` }) });
  }
  const whole = ajv.getSchema(id);
  return function check(declaration) {
    const chosen = byType.get(declaration && declaration.type);
    const validate = chosen ? chosen.validate : whole;
    if (validate(declaration)) return [];
    const errors = relevant(validate.errors);
    localize(errors);
    const branch = chosen ? chosen.branch : deref(root, (root.oneOf || [root])[0]);
    return errors.map((e) => explain(root, branch, e));
  };
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

function explain(root, branch, e) {
  const path = pathOf(e);
  const node = schemaAt(root, branch, path) || {};
  return { path, field: dotted(path), title: fieldTitle(root, branch, path), message: wording(e, node) };
}

function wording(e, node) {
  switch (e.keyword) {
    case "required":
      return "必须填写";
    case "type":
      if (e.data === null || e.data === undefined) return "必须填写";
      return `应填写${TYPE_WORDS[e.params.type] || e.params.type}`;
    case "minLength":
      return e.params.limit === 1 ? "必须填写" : e.message;
    case "pattern":
      return node.description ? `格式不正确（${node.description}）` : "格式不正确";
    case "enum":
    case "const":
      return "请从可选项中选择";
    case "format":
      return e.params.format === "date" ? "请填写有效的日期，格式为 YYYY-MM-DD" : e.message;
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
