// Starts the Microsoft 365 Agents Playground CLI in this process and keeps the process alive until the test that
// started it closes our stdin (or dies). Offline, the CLI may let its event loop drain after "Listening"; the
// open stdin keeps it running, and a closed stdin ends it so no playground outlives its test.
// Usage: node playground-host.js <package folder> <cli arguments...>
"use strict";
const path = require("path");

const packageFolder = process.argv[2];
if (!packageFolder) {
  console.error("usage: node playground-host.js <folder holding node_modules/@microsoft/m365agentsplayground> <arguments>");
  process.exit(2);
}

const cli = path.join(packageFolder, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();

// The CLI reads its options from process.argv (yargs): make it look as if it was started directly.
process.argv = [process.argv[0], cli, ...process.argv.slice(3)];
require(cli);
