// readpdf.mjs FILE.pdf: prints what pdf.js (pdfjs-dist) reads of a PDF as
// JSON: {"text": the page text of getTextContent, "tree": the structure
// tree of every page (getStructTree) with each marked-content leaf's text
// and language}. The Go tests compare both with the resolved document.
import { readFileSync } from "node:fs";
import { getDocument } from "./node_modules/pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, verbosity: 0, useSystemFonts: false, disableFontFace: true }).promise;
const out = { text: "", lang: null, pages: [] };
try {
  const md = await doc.getMetadata();
  out.lang = md.info?.Language ?? null;
} catch {}
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  const plain = await page.getTextContent();
  for (const it of plain.items) {
    out.text += it.str;
    if (it.hasEOL) out.text += "\n";
  }
  out.text += "\n";
  const marked = await page.getTextContent({ includeMarkedContent: true });
  const byId = {};
  const stack = [];
  for (const it of marked.items) {
    if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") {
      stack.push(it.id ?? null);
      continue;
    }
    if (it.type === "endMarkedContent") {
      stack.pop();
      continue;
    }
    const id = stack.findLast((x) => x);
    if (id) byId[id] = (byId[id] ?? "") + it.str;
  }
  const fill = (node) => {
    if (!node) return node;
    if (node.type === "content") return { type: "content", text: byId[node.id] ?? "" };
    if (node.type === "annotation" || node.type === "object") return { type: node.type };
    const o = { role: node.role };
    if (node.lang) o.lang = node.lang;
    if (node.alt) o.alt = node.alt;
    o.children = (node.children ?? []).map(fill);
    return o;
  };
  out.pages.push(fill(await page.getStructTree()));
}
console.log(JSON.stringify(out));
