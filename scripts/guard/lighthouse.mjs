// Lighthouse on every page the guard asks for, in one node process and one chromium: starting both for each
// page cost more time than the audit itself. Reads one JSON request a line on stdin, {url, output}, writes
// <output>.report.json and <output>.report.html, and answers each with a line on stdout when they are written.
// Usage: node lighthouse.mjs CATEGORIES CHROME_FLAG...   (CHROME_PATH names the chromium)
import fs from "node:fs";
import readline from "node:readline";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [categories, ...chromeFlags] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({chromeFlags});
const flags = {
  port: chrome.port,
  output: ["json", "html"],
  onlyCategories: categories.split(","),
  disableFullPageScreenshot: true,  // a picture for the report's viewer; no audit scores it
  logLevel: "silent",
};
try {
  for await (const line of readline.createInterface({input: process.stdin})) {
    const {url, output} = JSON.parse(line);
    try {
      const [json, html] = (await lighthouse(url, flags)).report;
      fs.writeFileSync(`${output}.report.json`, json);
      fs.writeFileSync(`${output}.report.html`, html);
    } catch (error) {  // the page could not be audited at all: Python reports it as a missing report
      console.error(error);
    }
    process.stdout.write(JSON.stringify({output}) + "\n");
  }
} finally {
  await chrome.kill();
}
