// The application report (report.md): one text per heading of the type's official outline.
// The outline and the template's guidance come from the program data; guidance is shown as help
// and never written out.

const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;

/** The report as Markdown: the title, then every heading of the outline with its text. */
export function reportText(outline, townName, texts) {
  const title = outline.title.replace("{name}", townName || "");
  const parts = [`# ${title}`];
  outline.headings.forEach((heading, i) => {
    parts.push(`${"#".repeat(heading.level)} ${heading.text}`);
    const body = (texts[i] || "").replace(/\r\n?/g, "\n").trim();
    if (body) parts.push(escapeHeadings(body));
  });
  return `${parts.join("\n\n")}\n`;
}

/** A line of the applicant's own text that starts with # would read as a heading: keep it text. */
function escapeHeadings(text) {
  return text
    .split("\n")
    .map((line) => (/^ {0,3}#/.test(line) ? line.replace("#", "\\#") : line))
    .join("\n");
}

function key(text) {
  return text
    .normalize("NFKC")
    .trim()
    .replace(/^[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*/u, "")
    .replace(/[\s\p{P}\p{S}_]+/gu, "");
}

/** The texts of an existing report.md, by heading of the outline; null if no heading matches. */
export function readReport(outline, text) {
  const texts = outline.headings.map(() => []);
  let current = -1;
  let matched = 0;
  for (const line of text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n")) {
    const m = HEADING.exec(line);
    if (m) {
      const k = key(m[2]);
      const index = outline.headings.findIndex((h, i) => i > current && k.startsWith(key(h.text)));
      if (index >= 0) {
        current = index;
        matched += 1;
        continue;
      }
      if (m[1].length === 1) continue;
    }
    if (current >= 0) texts[current].push(line);
  }
  if (!matched) return null;
  return texts.map((lines) => lines.join("\n").replace(/<!--[\s\S]*?-->/g, "").trim());
}
