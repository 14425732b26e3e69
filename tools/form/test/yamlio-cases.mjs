// Runs the form's YAML reading and writing on cases given as JSON on stdin and prints the results
// as JSON, so that the Python tests can hold them against the checker's own loader:
//   {"dump": [values…], "plain": [texts…], "decimal": [texts…], "parse": [yaml texts…]}
import { readFileSync } from "node:fs";

import { dump, parse, pythonDecimalText, resolvePlain } from "../src/yamlio.js";

const LIMITS = { max_yaml_depth: 20, max_list_items: 2000, max_scalar_chars: 20000 };
const cases = JSON.parse(readFileSync(0, "utf8"));

function plainTree(node) {
  if (node.kind === "map") return Object.fromEntries(node.children.map(([k, v]) => [k, plainTree(v)]));
  if (node.kind === "seq") return node.children.map(plainTree);
  if (node.kind === "decimal" || node.kind === "int") return { number: node.text };
  return node.value;
}

function attempt(text) {
  try {
    return { ok: plainTree(parse(text, LIMITS)) };
  } catch (e) {
    return { refused: e.message };
  }
}

const out = {
  dump: (cases.dump || []).map((value) => dump({ value })),
  plain: (cases.plain || []).map((text) => resolvePlain(text).kind),
  decimal: (cases.decimal || []).map((text) => pythonDecimalText(text)),
  parse: (cases.parse || []).map(attempt),
};
process.stdout.write(JSON.stringify(out));
