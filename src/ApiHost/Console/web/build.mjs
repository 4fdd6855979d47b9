// Bundles the console into one script and one stylesheet beside index.html, in the folder given as the first argument
// (ApiHost.csproj passes a folder under obj/ and embeds what lands there).
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";

const outdir = path.resolve(process.argv[2] ?? "dist");
await mkdir(outdir, { recursive: true });
await build({
  entryPoints: { app: "src/main.js" },
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: false,
  outdir,
  logLevel: "warning",
});
await copyFile("index.html", path.join(outdir, "index.html"));
