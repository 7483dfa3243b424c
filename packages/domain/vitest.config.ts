import { fileURLToPath } from "node:url"
import { bakenVitest } from "@baken/vitest-config"
import { defineConfig } from "vitest/config"

const src = fileURLToPath(new URL("./src/", import.meta.url))

// The region fixtures (`test/fixtures`) come from @baken/region-gooi-en-vechtstreek's source, which imports
// `@baken/domain` and `@baken/domain/<Module>`: resolve those to this package's source, so there is one copy of every
// class and no build of the domain (or the region) is needed to test the domain.
export default defineConfig({
  ...bakenVitest(),
  resolve: {
    alias: [
      { find: /^@baken\/domain$/, replacement: `${src}index.ts` },
      { find: /^@baken\/domain\/([A-Za-z]+)$/, replacement: `${src}$1.ts` },
    ],
  },
})
