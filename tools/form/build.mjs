// Build the declaration form's script, style and licence notice into the site package's assets
// (git-ignored; the MkDocs hook publishes them under apply/form/assets/).
//
//   node build.mjs [OUTDIR]     (run by `python3 scripts/dev.py setup` after `npm ci`)
//
// JSON Editor registers every theme and icon library it ships; the form uses only its plain HTML
// theme and no icons, so the two registries are replaced by ones holding just that (about 60 KB).

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as esbuild from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] || path.join(here, "..", "..", "scripts", "towns", "site", "assets"));
const editorSrc = path.join(here, "node_modules", "@json-editor", "json-editor", "src");

const onlyHtmlTheme = {
  name: "only-html-theme",
  setup(build) {
    build.onResolve({ filter: /^\.\/(themes|iconlibs)\/index\.js$/ }, (args) =>
      args.importer.startsWith(editorSrc) ? { path: args.path, namespace: "towns-stub" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "towns-stub" }, (args) => ({
      contents: args.path.includes("themes")
        ? `import { htmlTheme } from ${JSON.stringify(path.join(editorSrc, "themes", "html.js"))};\nexport const themes = { html: htmlTheme };\n`
        : "export const iconlibs = {};\n",
      resolveDir: editorSrc,
    }));
  },
};

mkdirSync(out, { recursive: true });
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
console.log(`apply-form.js ${result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].bytes} bytes → ${out}`);

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
