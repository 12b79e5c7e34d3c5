// `npm run bench [-- --quick]`: runs every section in scripts/bench/*.mjs in turn, prints each figure
// beside the reference measured in the same run, and writes docs/benchmarks.md. Not part of `npm test`:
// the figures only mean something on an otherwise idle machine.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildIfNeeded } from "./build-if-needed.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const quick = process.argv.includes("--quick");
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
// `--sizes=10000,50000`: the database sizes of the sections that seed one (monitoring).
const sizes = process.argv
  .find((a) => a.startsWith("--sizes="))
  ?.slice("--sizes=".length)
  .split(",")
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);

const ratioOf = (row) => (row.reference && row.reference.value ? row.value / row.reference.value : null);
const figure = (value) => (Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1));

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
}

function rowLine(row) {
  const reference = row.reference ? `${row.reference.name} ${figure(row.reference.value)}` : "";
  const ratio = ratioOf(row);
  return [row.section, row.name, `${figure(row.value)} ${row.unit}`, reference, ratio === null ? "" : `${ratio.toFixed(2)}×`, row.target ?? "", row.met === undefined ? "" : row.met ? "yes" : "NO"];
}

function markdown(rows, info, failures) {
  const head = ["section", "figure", "value", "reference (same run)", "ratio", "target", "met"];
  const lines = [
    "# Benchmarks",
    "",
    `Run of \`npm run bench${quick ? " -- --quick" : ""}\` on ${info.date}: ${info.cores} cores, ${info.memory}, ${info.cpu}, Node ${info.node}.`,
    quick ? "A quick run: small sizes and short durations, to check that the bench works; not a measurement." : "",
    sizes?.length ? `Sections that seed a database ran at ${sizes.map((n) => n.toLocaleString("en")).join(" and ")} MoUs only (\`--sizes\`).` : "",
    "",
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${rowLine(r).join(" | ")} |`),
    "",
    ...failures.map((f) => `- section ${f.file} failed: ${f.error}`),
  ];
  return `${lines.filter((l, i) => l !== "" || lines[i - 1] !== "").join("\n")}\n`;
}

buildIfNeeded();
const dir = path.join(root, "scripts", "bench");
const sections = fs.readdirSync(dir).filter((f) => f.endsWith(".mjs") && (!only || f === `${only}.mjs`)).sort();
const rows = [];
const failures = [];
for (const file of sections) {
  console.log(`== ${file}${quick ? " (quick)" : ""}`);
  try {
    const { default: run } = await import(pathToFileURL(path.join(dir, file)).href);
    const found = await run({ root, quick, sizes });
    for (const row of found) console.log(`   ${rowLine(row).filter(Boolean).join("  ")}`);
    rows.push(...found);
  } catch (error) {
    console.error(`   failed: ${error instanceof Error ? error.stack : error}`);
    failures.push({ file, error: error instanceof Error ? error.message : String(error) });
  }
}
const info = machine();
fs.writeFileSync(path.join(root, "docs", "benchmarks.md"), markdown(rows, info, failures));
console.log(`Wrote docs/benchmarks.md (${rows.length} figures${failures.length ? `, ${failures.length} sections failed` : ""}).`);
process.exitCode = failures.length ? 1 : 0;
