// The browser tests' check for words the browser broke over two lines in a table: the sign of a column squeezed too
// narrow for what it holds. One check for every page, so the pages are held to the same rule.
import type { Page } from "playwright-core"

// The function passed to page.evaluate runs in the page; the server's tests compile without the DOM library, so the
// few page globals it uses are declared here, for this file only.
// biome-ignore lint/suspicious/noExplicitAny: page globals, typed by the browser that runs them
declare const document: any, NodeFilter: any

/**
 * Every word in a visible table cell matching `cells` (by default every header and data cell) that the browser broke
 * over two lines, with the cell's text. A line may end after a hyphen (`(serve --` / `demo)`), as in print; a break
 * anywhere else in a word is a column squeezed too narrow. A cell narrower than 2 pixels (a header hidden for screen
 * readers only) is not looked at.
 */
export const brokenWords = (page: Page, cells = "table th, table td"): Promise<ReadonlyArray<string>> =>
  page.evaluate((selector: string) => {
    const broken: Array<string> = []
    for (const cell of document.querySelectorAll(selector)) {
      if (cell.getBoundingClientRect().width < 2) continue
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        for (const m of (node.textContent ?? "").matchAll(/[^\s-]*-+|[^\s-]+/g)) {
          const range = document.createRange()
          range.setStart(node, m.index)
          range.setEnd(node, m.index + m[0].length)
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
          if (lines.size > 1) broken.push(`"${m[0]}" in "${cell.textContent?.trim().slice(0, 60)}"`)
        }
      }
    }
    return broken
  }, cells)
