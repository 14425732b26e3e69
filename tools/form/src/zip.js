// The town's folder as a ZIP, laid out as in the repository, with a README beside it that lists
// the attachments still to add. Only `submissions/` is uploaded to GitHub.

import { strToU8, zipSync } from "fflate";

/** The ZIP's bytes. ``files`` are the texts of declaration.yaml and report.md. */
export function townZip({ city, town, declaration, report, readme, now = new Date() }) {
  const folder = `submissions/${city}/${town}`;
  const entries = {
    "README.txt": [strToU8(`\uFEFF${readme.replace(/\n/g, "\r\n")}`), { mtime: now }],
    [`${folder}/declaration.yaml`]: [strToU8(declaration), { mtime: now }],
    [`${folder}/report.md`]: [strToU8(report), { mtime: now }],
    [`${folder}/attachments/`]: [new Uint8Array(0), { mtime: now }],
  };
  return zipSync(entries, { level: 6 });
}

/** What to do with the ZIP, in Chinese, with the attachments the declaration lists and lacks. */
export function readmeText({ name, city, town, declaration, kinds, types, maxBytes, guideUrl }) {
  const folder = `submissions/${city}/${town}`;
  const listed = Array.isArray(declaration.attachments) ? declaration.attachments : [];
  const lines = [
    `${name || "（小镇名称未填写）"} 申报材料`,
    "",
    `本压缩包中的 ${folder}/ 文件夹就是小镇在登记库中的文件夹：`,
    "  declaration.yaml  申报表",
    "  report.md         申请报告",
    "  attachments/      附件（请把下列文件放进这个文件夹）",
    "",
    "需要放入 attachments 文件夹的附件：",
  ];
  listed.forEach((a, i) => {
    const kind = kinds.find((k) => k.id === a.kind);
    lines.push(`  ${i + 1}. ${a.file || "（未填写文件路径）"}：${a.title || ""}（${kind ? kind.name : a.kind || ""}）`);
  });
  if (!listed.length) lines.push("  （申报表中还没有登记附件）");
  const missing = kinds.filter((k) => k.required && !listed.some((a) => a.kind === k.id));
  if (missing.length) {
    lines.push("", "申报表中还缺少以下必交附件，请在“申报材料附件”中登记后再放入文件：");
    missing.forEach((k) => lines.push(`  - ${k.name}`));
  }
  const allowed = types.map((t) => `${t.name}（${t.extensions.join("、")}）`).join("、");
  lines.push(
    "",
    `附件只接受 ${allowed}，按文件内容识别；单个附件不超过 ${Math.floor(maxBytes / 1048576)} MB。`,
    "文件名要与申报表中登记的文件路径完全一致。",
    "",
    "提交：在 GitHub 网页上打开您的副本（Fork），进入 submissions 文件夹，用“Add file → Upload files”",
    `上传 ${city} 文件夹（只上传 submissions 里面的内容，不要上传本说明文件），然后创建 Pull Request。`,
    `详细步骤见：${guideUrl}`,
  );
  return `${lines.join("\n")}\n`;
}
