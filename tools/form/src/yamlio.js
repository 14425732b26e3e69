// Reading and writing declaration.yaml exactly as the checker (`towns check`) reads it.
//
// The checker builds values itself (scripts/towns/loading.py): only unquoted `true`/`false` are
// booleans, `null`/`~`/empty are null, integers without a leading zero are integers, decimals are
// exact, everything else (dates, `0755`, `yes`, `1_000`) is text; anchors, aliases, tags, merge keys,
// duplicate keys and several documents are refused. `parse` mirrors those rules on top of the `yaml`
// package (failsafe schema: every scalar arrives as its text), and `dump` writes text that the
// checker reads back as the same values: any text that would read as something else is quoted,
// and a number keeps the digits it was written with when a JavaScript number cannot hold them.

import { Document, LineCounter, Scalar, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from "yaml";

const INT = /^[-+]?(?:0|[1-9][0-9]*)$/;
const DECIMAL =
  /^(?:[-+]?(?:0|[1-9][0-9]*)?\.[0-9]+(?:[eE][-+]?[0-9]{1,3})?|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]{1,3})$/;
const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUE = new Set(["true", "True", "TRUE"]);
const FALSE = new Set(["false", "False", "FALSE"]);

/** A file the form cannot read; `message` is Chinese and names the line when there is one. */
export class ReadProblem extends Error {}

/** The value of an unquoted scalar under the checker's typing: {kind, value, text}. */
export function resolvePlain(text) {
  if (NULLS.has(text)) return { kind: "null", value: null, text };
  if (TRUE.has(text)) return { kind: "bool", value: true, text };
  if (FALSE.has(text)) return { kind: "bool", value: false, text };
  if (INT.test(text)) return { kind: "int", value: Number(text), text };
  if (DECIMAL.test(text)) return { kind: "decimal", value: Number(text), text };
  return { kind: "str", value: text, text };
}

/** Would this text, written without quotes, read back as exactly this text? */
export function plainIsText(text) {
  return resolvePlain(text).kind === "str";
}

// What other YAML readers (YAML 1.1 and 1.2 core schemas: editors, PyYAML) would take for a
// number, a boolean or null. The checker reads these as text, but an exported file is also
// opened in editors: such text is quoted so that every reader agrees.
const OTHER_TYPED = new RegExp(
  [
    "^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|=|<<)$",
    "^[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*|[1-9][0-9_]*(?::[0-5]?[0-9])+)$",
    "^[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*(?:[eE][-+]?[0-9]+)?$",
    "^[-+]?[0-9][0-9_]*(?:[eE][-+]?[0-9]+|(?::[0-5]?[0-9])+\\.[0-9_]*)$",
    "^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$",
  ].join("|"),
);
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/;

/** Must this text be quoted, for the checker or for another YAML reader? (Dates only where asked.) */
export function mustQuote(text, { dateField = false } = {}) {
  return !plainIsText(text) || OTHER_TYPED.test(text) || (!dateField && TIMESTAMP.test(text));
}

// ---- numbers ------------------------------------------------------------------------------

function decimalParts(text) {
  const m = /^([-+]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?$/.exec(text);
  if (!m) return null;
  const frac = m[3] || "";
  return { negative: m[1] === "-", digits: (m[2] || "") + frac, exponent: Number(m[4] || 0) - frac.length };
}

/** One spelling per decimal value: "300", "300.0" and "3e2" agree. */
export function canonicalDecimal(text) {
  const p = decimalParts(String(text));
  if (!p) return null;
  let digits = p.digits.replace(/^0+/, "");
  let exponent = p.exponent;
  while (digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    exponent += 1;
  }
  if (!digits) return "0";
  return `${p.negative ? "-" : ""}${digits}e${exponent}`;
}

/** Does a JavaScript number hold the value written as ``text`` exactly? */
export function exactAsNumber(text) {
  const n = Number(text);
  return Number.isFinite(n) && canonicalDecimal(String(n)) === canonicalDecimal(text);
}

/** Python's ``str(Decimal(text))``: what the checker makes of a decimal typed where text belongs. */
export function pythonDecimalText(text) {
  const p = decimalParts(text);
  const sign = p.negative ? "-" : "";
  const digits = p.digits.replace(/^0+(?=\d)/, "") || "0";
  const exponent = p.exponent;
  const adjusted = exponent + digits.length - 1;
  if (exponent <= 0 && adjusted >= -6) {
    if (exponent === 0) return sign + digits;
    const padded = digits.padStart(-exponent + 1, "0");
    return `${sign}${padded.slice(0, exponent)}.${padded.slice(exponent)}`;
  }
  const rest = digits.length > 1 ? `.${digits.slice(1)}` : "";
  return `${sign}${digits[0]}${rest}E${adjusted >= 0 ? "+" : "-"}${Math.abs(adjusted)}`;
}

/** Python's ``str(int(text))``. */
export function pythonIntText(text) {
  return BigInt(text).toString();
}

// ---- reading ------------------------------------------------------------------------------

const PROBLEMS = {
  DUPLICATE_KEY: "同一个字段写了两次",
  BAD_INDENT: "缩进不一致，这一行与上文的层级对不上",
  TAB_AS_INDENT: "使用了 Tab 缩进，请改用空格",
  MISSING_CHAR: "缺少符号，可能是引号、方括号或花括号没有闭合",
  MULTILINE_IMPLICIT_KEY: "字段名不能跨行，可能是缺少冒号或引号没有闭合",
  BLOCK_AS_IMPLICIT_KEY: "缩进不一致，未找到预期的字段名",
  UNEXPECTED_TOKEN: "出现了不能放在这里的字符，文字请加引号",
  BAD_SCALAR_START: "出现了不能放在开头的字符（如 @ 或 `），文字请加引号",
  BAD_DQ_ESCAPE: "双引号内有无法识别的转义字符“\\”",
  MULTIPLE_DOCS: "文件中有多份文档（“---”分隔），申报表只能有一份",
  TAG_RESOLVE_FAILED: "使用了类型标记（以 ! 开头），申报表不允许使用",
};

function where(lineCounter, offset) {
  const { line, col } = lineCounter.linePos(offset);
  return `第 ${line} 行第 ${col} 列`;
}

function problem(lineCounter, offset, text) {
  return new ReadProblem(offset === undefined ? text : `${where(lineCounter, offset)}：${text}`);
}

/**
 * The file as the checker reads it: a tree of {kind, value, text?, children} nodes, or a
 * `ReadProblem`. Limits come from program.yaml (depth, list length, text length).
 */
export function parse(text, limits) {
  const lineCounter = new LineCounter();
  const odd = text.search(/[\u0085\u2028\u2029]/);
  if (odd >= 0) {
    // YAML 1.1 (the checker) reads these as line breaks, YAML 1.2 (this parser) as characters.
    lineCounter.addNewLine(0);
    for (let i = text.indexOf("\n"); i >= 0 && i < odd; i = text.indexOf("\n", i + 1)) lineCounter.addNewLine(i + 1);
    throw problem(lineCounter, odd, "含有特殊的换行字符（U+0085、U+2028 或 U+2029），请删除或改为普通换行后再导入");
  }
  const docs = parseAllDocuments(text, {
    schema: "failsafe",
    uniqueKeys: true,
    merge: false,
    lineCounter,
    prettyErrors: false,
  });
  if (!Array.isArray(docs)) throw problem(lineCounter, undefined, "文件中没有任何内容");
  if (docs.length === 0) throw problem(lineCounter, undefined, "文件中没有任何内容（只有注释或空行）");
  if (docs.length > 1) throw problem(lineCounter, docs[1].range[0], PROBLEMS.MULTIPLE_DOCS);
  const doc = docs[0];
  const issue = doc.errors[0] || doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
  if (issue) {
    const text = PROBLEMS[issue.code] || "YAML 语法错误";
    throw problem(lineCounter, issue.pos ? issue.pos[0] : undefined, text);
  }
  if (doc.contents === null) throw problem(lineCounter, undefined, "文件中没有任何内容（只有注释或空行）");
  return build(doc.contents, { lineCounter, limits, depth: 0 });
}

function build(node, ctx) {
  const at = node && node.range ? node.range[0] : undefined;
  if (isAlias(node)) throw problem(ctx.lineCounter, at, "使用了别名（*），申报表不允许使用锚点和别名");
  if (node.anchor) throw problem(ctx.lineCounter, at, "使用了锚点（&），申报表不允许使用锚点和别名");
  if (node.tag) throw problem(ctx.lineCounter, at, PROBLEMS.TAG_RESOLVE_FAILED);
  if (ctx.depth >= ctx.limits.max_yaml_depth) {
    throw problem(ctx.lineCounter, at, `嵌套层数超过 ${ctx.limits.max_yaml_depth} 层`);
  }
  const deeper = { ...ctx, depth: ctx.depth + 1 };
  if (isScalar(node)) return scalar(node, ctx);
  if (isMap(node)) {
    const children = [];
    for (const pair of node.items) {
      if (!isScalar(pair.key) || pair.key.anchor || pair.key.tag) {
        throw problem(ctx.lineCounter, pair.key && pair.key.range ? pair.key.range[0] : at, "字段名必须是简单的文字");
      }
      if (pair.key.value === "<<" && pair.key.type === "PLAIN") {
        throw problem(ctx.lineCounter, pair.key.range[0], "使用了合并键（<<），申报表不允许使用");
      }
      const value = pair.value === null ? { kind: "null", value: null } : build(pair.value, deeper);
      children.push([String(pair.key.value), value]);
    }
    return { kind: "map", children };
  }
  if (isSeq(node)) {
    if (node.items.length > ctx.limits.max_list_items) {
      throw problem(ctx.lineCounter, at, `列表超过 ${ctx.limits.max_list_items} 项`);
    }
    return { kind: "seq", children: node.items.map((item) => build(item, deeper)) };
  }
  throw problem(ctx.lineCounter, at, "无法识别的内容");
}

function scalar(node, ctx) {
  const text = String(node.value);
  if (text.length > ctx.limits.max_scalar_chars) {
    throw problem(ctx.lineCounter, node.range[0], `文字超过 ${ctx.limits.max_scalar_chars} 个字符`);
  }
  return node.type === "PLAIN" ? resolvePlain(text) : { kind: "str", value: text, text };
}

// ---- writing ------------------------------------------------------------------------------

/**
 * YAML text for ``value`` (plain data in the order to write it). ``exact`` maps a path such as
 * "spatial_layout.planned_area_mu" to the digits a number was written with; ``comments`` maps a
 * top-level key to the comment written above it; ``header`` lines open the file; dates at the
 * paths in ``dateFields`` are written unquoted, as in the templates.
 *
 * The document is written under the failsafe schema, every scalar as text: numbers, booleans and
 * null as their plain spelling, text quoted whenever the checker would read it unquoted as
 * anything but that same text.
 */
export function dump(value, { exact = new Map(), comments = {}, header = [], dateFields = new Set() } = {}) {
  const doc = new Document(null, { schema: "failsafe" });
  doc.contents = node(doc, value, [], { exact, dateFields });
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const note = comments[pair.key.value];
      if (note) pair.key.commentBefore = ` ${note}`;
    }
  }
  if (header.length) doc.commentBefore = header.map((line) => line.replace(/^# ?/, " ")).join("\n");
  // The `yaml` package writes these as they are, but the checker's parser (YAML 1.1) takes them
  // for line breaks; they only occur in double-quoted text (see `node`), where escapes are valid.
  return doc.toString({ lineWidth: 0, minContentWidth: 0 }).replace(/[\u0085\u2028\u2029]/g, (c) => BREAKS[c]);
}

const BREAKS = { "\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P" };

function node(doc, value, path, ctx) {
  if (Array.isArray(value)) {
    const seq = doc.createNode([]);
    value.forEach((item, index) => seq.items.push(node(doc, item, [...path, index], ctx)));
    return seq;
  }
  if (value !== null && typeof value === "object") {
    const map = doc.createNode({});
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) map.items.push(doc.createPair(key, node(doc, item, [...path, key], ctx)));
    }
    return map;
  }
  const where = dotted(path);
  const out = new Scalar(scalarText(value, ctx.exact.get(where)));
  if (typeof value !== "string") out.type = Scalar.PLAIN;
  else if (/[\u0085\u2028\u2029]/.test(value) || mustQuote(value, { dateField: ctx.dateFields.has(where) })) {
    out.type = Scalar.QUOTE_DOUBLE;
  }
  return out;
}

function scalarText(value, written) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return written !== undefined && Number(written) === value ? written : numberText(value);
  return String(value);
}

/** A number as plain decimal digits where possible, so that it reads back as the same value. */
export function numberText(n) {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const text = String(n);
  if (!/e/i.test(text)) return text;
  const plain = pythonDecimalText(text);
  return plain.includes("E") ? text : plain;
}

/** ``("companies", 2, "name")`` → ``companies[2].name``, the checker's way of naming a field. */
export function dotted(path) {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}
