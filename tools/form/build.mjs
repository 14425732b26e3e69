// Build the declaration form's script, style and licence notice into the site package's assets
// (git-ignored; the MkDocs hook publishes them under apply/form/assets/).
//
//   node build.mjs [OUTDIR]     (run by `python3 scripts/dev.py setup` after `npm ci`)
//
// JSON Editor registers every theme, icon library and editor it ships. The form uses its plain HTML
// theme, no icons, and the editors its schema resolves to (plain inputs, choices, tables): the
// three registries are replaced by ones holding just those, which halves the editor's weight.
// A field resolving to an editor left out fails loudly ("unknown editor"), in the browser tests.
const EDITORS = {
  array: "array.js#ArrayEditor",
  table: "table.js#TableEditor",
  object: "object.js#ObjectEditor",
  string: "string.js#StringEditor",
  number: "number.js#NumberEditor",
  integer: "integer.js#IntegerEditor",
  select: "select.js#SelectEditor",
  checkbox: "checkbox.js#CheckboxEditor",
  radio: "radio.js#RadioEditor",
  enum: "enum.js#EnumEditor",
  multiple: "multiple.js#MultipleEditor",
  null: "null.js#NullEditor",
  hidden: "hidden.js#HiddenEditor",
  info: "info.js#InfoEditor",
  button: "button.js#ButtonEditor",
  datetime: "datetime.js#DatetimeEditor",
  describedBy: "describedby.js#DescribedByEditor",
};

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import * as esbuild from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] || path.join(here, "..", "..", "scripts", "towns", "site", "assets"));
const schemaFile = path.resolve(process.argv[3] || path.join(here, "..", "..", "schema", "declaration.schema.json"));
const editorSrc = path.join(here, "node_modules", "@json-editor", "json-editor", "src");

// The published declaration schema is compiled here, by Ajv, into validation code (one function
// per town type, as the schema's discriminator on `type` selects): the page then checks without
// compiling anything. The site build refuses a bundle compiled from another schema (see
// apply-form.schema.sha256 and towns.site.apply_form).
function validators(schemaText) {
  const schema = JSON.parse(schemaText);
  const { discriminator, ...plain } = schema;
  const id = schema.$id || "declaration.schema.json";
  const ajv = new Ajv2020({
    allErrors: true,
    messages: false, // ajv-i18n writes every message (in Chinese)
    strict: false,
    inlineRefs: false,
    code: { source: true, esm: true },
    formats: { date: /^\d{4}-\d{2}-\d{2}$/ },
  });
  ajv.addSchema({ ...plain, $id: id });
  const refs = {};
  for (const option of schema.oneOf) {
    const name = option.$ref.split("/").pop();
    const tag = schema.$defs[name].properties.type.const;
    refs[tag] = `${id}${option.$ref}`;
  }
  return hoistStrings(standaloneCode(ajv, refs));
}

// Ajv writes a pattern's text again at every place the pattern can fail (in the error's params),
// and the schema's patterns spell out Unicode's blanks for every regular-expression engine alike,
// so the same long texts recur dozens of times. Each is written once, as a constant. A literal
// followed by a colon (an object key, or a ternary's middle) is left as it is.
function hoistStrings(code) {
  const literal = /"(?:[^"\\\n]|\\.)*"/g;
  const isKey = (offset, text) => /^\s*:/.test(code.slice(offset + text.length, offset + text.length + 8));
  const counts = new Map();
  for (const m of code.matchAll(literal)) {
    if (m[0].length >= 40 && !isKey(m.index, m[0])) counts.set(m[0], (counts.get(m[0]) || 0) + 1);
  }
  const names = new Map([...counts].filter(([, n]) => n > 1).map(([text], i) => [text, `towns_text${i}`]));
  const body = code.replace(literal, (text, offset) => (isKey(offset, text) ? text : names.get(text) || text));
  const constants = [...names].map(([text, name]) => `const ${name} = ${text};`);
  return `${constants.join("\n")}\n${body}`;
}

const onlyHtmlTheme = {
  name: "only-html-theme",
  setup(build) {
    build.onResolve({ filter: /^\.\/(themes|iconlibs|editors)\/index\.js$/ }, (args) =>
      args.importer.startsWith(editorSrc) ? { path: args.path, namespace: "towns-stub" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "towns-stub" }, (args) => ({ contents: stub(args.path), resolveDir: editorSrc }));
    build.onResolve({ filter: /^towns:validators$/ }, () => ({ path: generated }));
  },
};

function stub(which) {
  const from = (file) => JSON.stringify(path.join(editorSrc, file));
  if (which.includes("themes")) return `import { htmlTheme } from ${from("themes/html.js")};\nexport const themes = { html: htmlTheme };\n`;
  if (which.includes("iconlibs")) return "export const iconlibs = {};\n";
  const entries = Object.entries(EDITORS).map(([name, where]) => {
    const [file, cls] = where.split("#");
    return [`import { ${cls} as e_${name} } from ${from(`editors/${file}`)};`, `${JSON.stringify(name)}: e_${name}`];
  });
  return `${entries.map((e) => e[0]).join("\n")}\nexport const editors = { ${entries.map((e) => e[1]).join(", ")} };\n`;
}

mkdirSync(out, { recursive: true });
const schemaText = readFileSync(schemaFile, "utf8");
// Inside node_modules, so that the code's imports of Ajv's small runtime helpers resolve.
const generated = path.join(here, "node_modules", ".towns-validators.mjs");
writeFileSync(generated, validators(schemaText));
const result = await esbuild.build({
  entryPoints: [path.join(here, "src", "main.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  metafile: true,
  outfile: path.join(out, "apply-form.js"),
  plugins: [onlyHtmlTheme],
  logLevel: "warning",
});
await esbuild.build({
  entryPoints: [path.join(here, "src", "style.css")],
  bundle: true,
  minify: true,
  outfile: path.join(out, "apply-form.css"),
  logLevel: "warning",
});
writeFileSync(path.join(out, "THIRD-PARTY-LICENSES.txt"), licences(result.metafile));
writeFileSync(path.join(out, "apply-form.schema.sha256"), `${createHash("sha256").update(schemaText).digest("hex")}\n`);
const output = Object.values(result.metafile.outputs)[0];
const byPackage = {};
for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, "/"));
  const name = m ? m[1] : input.includes(".towns-validators") ? "(validators compiled from the schema)" : "(the form's own code)";
  byPackage[name] = (byPackage[name] || 0) + bytesInOutput;
}
console.log(`apply-form.js ${output.bytes} bytes → ${out}`);
for (const [name, bytes] of Object.entries(byPackage).sort((a, b) => b[1] - a[1])) console.log(`  ${String(bytes).padStart(7)}  ${name}`);

/** The licence text of every package whose code is in the bundle. */
function licences(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, "/"));
    if (m) packages.set(m[1], path.join(here, "node_modules", m[1]));
  }
  const parts = [
    "本页（在线填写申报表）的脚本包含以下开源软件，按其许可证使用。",
    "The declaration form's script bundles the following open-source packages under their licences.",
    "",
  ];
  for (const [name, dir] of [...packages].sort()) {
    const meta = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    parts.push("=".repeat(78), `${name} ${meta.version} (${meta.license})`, "=".repeat(78), licenceText(dir), "");
  }
  return `${parts.join("\n")}\n`;
}

function licenceText(dir) {
  for (const name of ["LICENSE", "LICENSE.md", "LICENSE.txt", "license", "LICENCE"]) {
    try {
      return readFileSync(path.join(dir, name), "utf8").trim();
    } catch {
      /* try the next name */
    }
  }
  throw new Error(`no licence file in ${dir}`);
}
