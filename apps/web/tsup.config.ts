import { build } from "esbuild"
import { defineConfig } from "tsup"

/** Bundles the browser assets (one CSS, one script) next to the server build. */
const buildAssets = async (): Promise<void> => {
  await build({
    entryPoints: { baken: "src/client/enhance.ts" },
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2022",
    outdir: "dist/assets",
    legalComments: "none",
  })
  await build({
    entryPoints: { baken: "src/assets/baken.css" },
    bundle: true,
    minify: true,
    outdir: "dist/assets",
    legalComments: "none",
  })
}

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: { entry: "src/index.ts" },
  clean: true,
  sourcemap: true,
  target: "node22",
  shims: true,
  onSuccess: buildAssets,
})
